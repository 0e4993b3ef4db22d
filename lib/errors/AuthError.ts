import type { ErrorFields } from './ErrorFields.js';
import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * Where the credentials were refused:
 * - `handshake`: the stream's handshake was answered with HTTP 401 or 403 (see `status`);
 * - `in-band`: the server sent an `UNAUTHORIZED` error message on the open stream;
 * - `rest`: a REST request was answered with HTTP 401 or 403 (see `status`).
 */
export type AuthErrorKind = 'handshake' | 'in-band' | 'rest';

/**
 * The server refused the credentials: HTTP 401 or 403 at the handshake or to a REST request,
 * or an in-band `UNAUTHORIZED` error message. Fatal: neither the stream nor the watch retries
 * it, since a rotated or revoked credential does not come back by itself. The message never
 * contains the credential.
 *
 * @example
 * ```ts
 * streamEvents(options).subscribe({ error: (e) => { if (isAuthError(e)) askForNewApiKey(e.status); } });
 * ```
 * @see {@link HandshakeError}, {@link ConnectionError}, {@link ErrorFields}
 */
export class AuthError extends Error implements ErrorFields<AuthErrorKind> {
  override readonly name = 'AuthError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'AuthError';
  }

  /** Where the credentials were refused. */
  readonly kind: AuthErrorKind;
  /** The HTTP status of the refusal (401 or 403), absent for an in-band refusal. */
  readonly status: number | undefined;
  /** Never set: a refusal is not a close. */
  declare readonly closeCode: undefined;
  /** Never set: a refusal is not retried. */
  declare readonly attempts: undefined;
  /** Never set. */
  declare readonly cause: undefined;

  constructor(message: string, fields: { readonly kind: AuthErrorKind; readonly status?: number }) {
    super(message);
    this.kind = fields.kind;
    this.status = fields.status;
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
