import { isEmulatorError } from '../emulator/EmulatorError.js';
import { isAuthError } from '../errors/AuthError.js';
import { isStreamOptionsError } from '../errors/StreamOptionsError.js';
import { ExitCode } from './ExitCode.js';

/** What a command says and returns when it fails. */
export interface Failure {
  /** The exit code. */
  readonly code: ExitCode;
  /** One line for stderr, without credentials. */
  readonly message: string;
}

/** What to do about refused credentials; it names the variables, never their values. */
export const CREDENTIALS_HINT =
  'set DOCKERCLOUD_USER and DOCKERCLOUD_APIKEY (or DOCKERCLOUD_PASS), or DOCKERCLOUD_AUTH, in the environment';

/**
 * The exit code and message of a fatal error:
 * - `AuthError` → {@link ExitCode.auth} (3), with what to set;
 * - `StreamOptionsError`, and an `EmulatorError` about options → {@link ExitCode.usage} (2);
 * - anything else (`HandshakeError`, a `ConnectionError` after the last attempt, an
 *   unreadable recording, a port in use…) → {@link ExitCode.failure} (1).
 *
 * The library's errors never contain a credential; the terminal scrubs them anyway.
 *
 * @example
 * ```ts
 * const { code, message } = describeFailure(new AuthError('The server refused the credentials (HTTP 401)', { kind: 'handshake', status: 401 }));
 * // code 3
 * ```
 */
export function describeFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (isAuthError(error)) return { code: ExitCode.auth, message: `${message}: ${CREDENTIALS_HINT}` };
  if (isStreamOptionsError(error)) return { code: ExitCode.usage, message };
  if (isEmulatorError(error)) return { code: error.kind === 'options' ? ExitCode.usage : ExitCode.failure, message };
  return { code: ExitCode.failure, message };
}
