import type { CliIo } from './CliIo.js';

/**
 * The {@link CliIo} of this process: `process.env`, `process.stdout`, `process.stderr`, and
 * `process` for signals.
 *
 * @example
 * ```ts
 * const code = await runCli(process.argv, processIo());
 * ```
 */
export function processIo(): CliIo {
  return { env: process.env, stdout: process.stdout, stderr: process.stderr, signals: process, platform: process.platform };
}
