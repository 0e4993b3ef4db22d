import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * The server refused the credentials: HTTP 401 or 403 at the handshake, or an in-band
 * `UNAUTHORIZED` error message. Fatal: the stream never retries it, since a rotated or revoked
 * credential does not come back by itself. The message never contains the credential.
 *
 * @example
 * ```ts
 * streamEvents(options).subscribe({ error: (e) => { if (isAuthError(e)) askForNewApiKey(); } });
 * ```
 * @see {@link HandshakeError}, {@link ConnectionError}
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'AuthError';
  }

  constructor(
    message: string,
    /** The HTTP status of the refused handshake, absent for an in-band refusal. */
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/**
 * Whether `error` is an {@link AuthError}.
 *
 * @example
 * ```ts
 * if (isAuthError(error)) process.exitCode = 2;
 * ```
 */
export function isAuthError(error: unknown): error is AuthError {
  return isNamedError<AuthError>(error, 'AuthError');
}
