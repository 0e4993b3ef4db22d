import type { EmulatorCredentials } from '../emulator/EmulatorCredentials.js';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * A value quoted for a POSIX shell: as it is when it needs no quoting, else in single quotes.
 *
 * @example
 * ```ts
 * shellQuote('TutumAccessKey f9f4'); // "'TutumAccessKey f9f4'"
 * ```
 */
export function shellQuote(value: string): string {
  return value !== '' && SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Where an emulator listens and what it accepts, as {@link formatExports} prints it. */
export interface EmulatorAddress {
  /** The stream host (`ws://127.0.0.1:PORT`). */
  readonly url: string;
  /** The REST host (`http://127.0.0.1:PORT`). */
  readonly restUrl: string;
  /** Its credentials (test credentials, safe to print). */
  readonly credentials: EmulatorCredentials;
  /** The live dashboard's URL (no credential in it), when it is served. */
  readonly dashboardUrl?: string | undefined;
}

/**
 * The lines `dockercloud-rx emulate` prints on stdout: shell comments saying what runs, then
 * the `export DOCKERCLOUD_…=…` lines that point the SDKs, and `dockercloud-rx events`, at the
 * emulator. The whole output can be pasted into a shell. `DOCKERCLOUD_AUTH` is shown as a
 * comment only: set, it would win over the user and key. The dashboard's URL, when served, is
 * a comment too, and carries no credential: the page gets them from the emulator.
 *
 * @example
 * ```ts
 * for (const line of formatExports(emulator, 'seed 1, 10 events/s')) console.log(line);
 * // # Docker Cloud emulator (seed 1, 10 events/s)
 * // export DOCKERCLOUD_STREAM_HOST=ws://127.0.0.1:40123
 * // …
 * ```
 */
export function formatExports(emulator: EmulatorAddress, description: string): string[] {
  const { user, apiKey, namespace, token } = emulator.credentials;
  return [
    `# Docker Cloud emulator (${description})`,
    `# stream ${emulator.url}   REST ${emulator.restUrl}`,
    ...(emulator.dashboardUrl === undefined ? [] : [`# dashboard ${emulator.dashboardUrl}   (open it in a browser)`]),
    `export DOCKERCLOUD_STREAM_HOST=${shellQuote(emulator.url)}`,
    `export DOCKERCLOUD_REST_HOST=${shellQuote(emulator.restUrl)}`,
    `export DOCKERCLOUD_USER=${shellQuote(user)}`,
    `export DOCKERCLOUD_APIKEY=${shellQuote(apiKey)}`,
    `export DOCKERCLOUD_NAMESPACE=${shellQuote(namespace)}`,
    `# or, as Docker Cloud gave its containers: export DOCKERCLOUD_AUTH=${shellQuote(token)}`,
    '# then: dockercloud-rx events    (Ctrl-C here stops the emulator)',
  ];
}
