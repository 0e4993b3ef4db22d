import type { ErrorFields } from './ErrorFields.js';
import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * What failed: always `client`, an HTTP 4xx answer that retrying cannot fix (as a `RestError`
 * of kind `client`).
 */
export type HandshakeErrorKind = 'client';

/**
 * The server answered the handshake with an HTTP status other than 101 that retrying cannot
 * fix: a 4xx other than 401 and 403 (a wrong path, a malformed filter). Fatal.
 *
 * @example
 * ```ts
 * if (isHandshakeError(error) && error.status === 404) console.error('wrong stream URL');
 * ```
 * @see {@link AuthError}, {@link ConnectionError}, {@link ErrorFields}
 */
export class HandshakeError extends Error implements ErrorFields<HandshakeErrorKind> {
  override readonly name = 'HandshakeError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'HandshakeError';
  }

  /** Always `client`: a 4xx answer. */
  readonly kind: HandshakeErrorKind = 'client';
  /** The HTTP status the server answered. */
  readonly status: number;
  /** Never set: the connection never opened. */
  declare readonly closeCode: undefined;
  /** Never set: a refused handshake is not retried. */
  declare readonly attempts: undefined;
  /** Never set. */
  declare readonly cause: undefined;

  constructor(message: string, fields: { readonly status: number }) {
    super(message);
    this.status = fields.status;
  }
}

/**
 * Whether `error` is a {@link HandshakeError}.
 *
 * @example
 * ```ts
 * if (isHandshakeError(error)) console.error(error.status);
 * ```
 */
export function isHandshakeError(error: unknown): error is HandshakeError {
  return isNamedError<HandshakeError>(error, 'HandshakeError');
}
