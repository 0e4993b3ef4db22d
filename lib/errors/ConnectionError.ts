import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * What went wrong with a connection that retrying may fix:
 * - `network`: the socket failed (refused, reset, DNS);
 * - `timeout`: the connection did not open within `connectTimeout`;
 * - `closed`: the server closed the connection (cleanly or not);
 * - `stalled`: no frame (and no pong) within the stall limits;
 * - `server`: the handshake got a 5xx answer.
 */
export type ConnectionFailure = 'network' | 'timeout' | 'closed' | 'stalled' | 'server';

/**
 * A transient failure of the connection. The stream reconnects after one by default; it
 * reaches the subscriber only with `retry: false` or once `maxAttempts` is used up.
 *
 * @example
 * ```ts
 * streamEvents({ ...options, retry: false }).subscribe({
 *   error: (e) => { if (isConnectionError(e) && e.failure === 'stalled') console.warn('stalled'); },
 * });
 * ```
 * @see {@link AuthError}, {@link HandshakeError}
 */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'ConnectionError';
  }

  constructor(
    message: string,
    /** The kind of failure. */
    readonly failure: ConnectionFailure,
    /** The close code, when the server closed the connection. */
    readonly code?: number,
    /** The number of consecutive failed attempts when the stream gave up, if it did. */
    readonly attempts?: number,
  ) {
    super(message);
  }
}

/**
 * Whether `error` is a {@link ConnectionError}.
 *
 * @example
 * ```ts
 * if (isConnectionError(error)) console.warn(error.failure);
 * ```
 */
export function isConnectionError(error: unknown): error is ConnectionError {
  return isNamedError<ConnectionError>(error, 'ConnectionError');
}
