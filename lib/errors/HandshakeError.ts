import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * The server answered the handshake with an HTTP status other than 101 that retrying cannot
 * fix: a 4xx other than 401 and 403 (a wrong path, a malformed filter). Fatal.
 *
 * @example
 * ```ts
 * if (isHandshakeError(error) && error.statusCode === 404) console.error('wrong stream URL');
 * ```
 * @see {@link AuthError}, {@link ConnectionError}
 */
export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'HandshakeError';
  }

  constructor(
    message: string,
    /** The HTTP status the server answered. */
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/**
 * Whether `error` is a {@link HandshakeError}.
 *
 * @example
 * ```ts
 * if (isHandshakeError(error)) console.error(error.statusCode);
 * ```
 */
export function isHandshakeError(error: unknown): error is HandshakeError {
  return isNamedError<HandshakeError>(error, 'HandshakeError');
}
