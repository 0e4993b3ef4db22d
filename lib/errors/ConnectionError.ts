import type { ErrorFields } from './ErrorFields.js';
import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * What went wrong with a connection that retrying may fix:
 * - `network`: the socket failed (refused, reset, DNS);
 * - `timeout`: the connection did not open within `connectTimeout`;
 * - `closed`: the server closed the connection, cleanly or not (see `closeCode`);
 * - `stalled`: no frame (and no pong) within the stall limits;
 * - `server`: the handshake got a 5xx answer, or a 408 or 429 that asks to come back later (see `status`).
 */
export type ConnectionErrorKind = 'network' | 'timeout' | 'closed' | 'stalled' | 'server';

/**
 * A transient failure of the connection. The stream reconnects after one by default; it
 * reaches the subscriber only with `retry: false` or once `maxAttempts` is used up.
 *
 * @example
 * ```ts
 * streamEvents({ ...options, retry: false }).subscribe({
 *   error: (e) => { if (isConnectionError(e) && e.kind === 'closed') console.warn('closed with', e.closeCode); },
 * });
 * ```
 * @see {@link AuthError}, {@link HandshakeError}, {@link ErrorFields}
 */
export class ConnectionError extends Error implements ErrorFields<ConnectionErrorKind> {
  override readonly name = 'ConnectionError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'ConnectionError';
  }

  /** What went wrong. */
  readonly kind: ConnectionErrorKind;
  /** The HTTP status of the handshake's answer, for kind `server`. */
  readonly status: number | undefined;
  /** The close code, when the connection was closed (kind `closed`, or `network` for a close before it opened). */
  readonly closeCode: number | undefined;
  /** The number of consecutive failed attempts when the stream gave up, if it did. */
  readonly attempts: number | undefined;
  /** Never set: the socket's own error may quote the URL, so only the message tells of it. */
  declare readonly cause: undefined;

  constructor(
    message: string,
    fields: { readonly kind: ConnectionErrorKind; readonly status?: number; readonly closeCode?: number; readonly attempts?: number },
  ) {
    super(message);
    this.kind = fields.kind;
    this.status = fields.status;
    this.closeCode = fields.closeCode;
    this.attempts = fields.attempts;
  }
}

/**
 * Whether `error` is a {@link ConnectionError}.
 *
 * @example
 * ```ts
 * if (isConnectionError(error)) console.warn(error.kind);
 * ```
 */
export function isConnectionError(error: unknown): error is ConnectionError {
  return isNamedError<ConnectionError>(error, 'ConnectionError');
}
