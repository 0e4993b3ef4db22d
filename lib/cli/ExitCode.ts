/**
 * The exit codes of the `dockercloud-rx` command line.
 *
 * - `ok` (0): done: `--count` reached, the end of a replay or a demo, Ctrl-C or SIGTERM;
 * - `failure` (1): a fatal error other than credentials: the stream gave up, a handshake was
 *   refused (4xx other than 401/403), a recording could not be read, the port is taken;
 * - `usage` (2): bad arguments or options;
 * - `auth` (3): the credentials are missing or were refused (`AuthError`);
 * - `timeout` (124, as `timeout(1)`): `--timeout` passed before `--count` events arrived.
 *
 * @example
 * ```ts
 * process.exitCode = isAuthError(error) ? ExitCode.auth : ExitCode.failure;
 * ```
 */
export const ExitCode = Object.freeze({ ok: 0, failure: 1, usage: 2, auth: 3, timeout: 124 } as const);

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
