import type { ErrorFields } from './ErrorFields.js';
import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * What went wrong with a REST request:
 * - `network`: the request failed (refused, reset, DNS, aborted by the platform);
 * - `timeout`: no answer within `listTimeout`;
 * - `server`: a 5xx answer;
 * - `throttled`: a 429 answer;
 * - `schema`: the answer is not a listing (not JSON, or JSON of the wrong shape);
 * - `client`: a 4xx answer other than 401, 403 and 429 (a wrong URL or namespace): retrying cannot fix it;
 * - `origin`: the server's `meta.next` pointed at another origin, where the credentials must not go.
 */
export type RestErrorKind = 'network' | 'timeout' | 'server' | 'throttled' | 'schema' | 'client' | 'origin';

/**
 * A REST listing failed. `network`, `timeout`, `server`, `throttled` and `schema` failures are
 * retried with the stream's backoff; `client` and `origin` failures are fatal, and so is any
 * failure once `retry.maxAttempts` is used up or with `retry: false`. Credentials refused
 * (401, 403) are an `AuthError` instead, fatal as on the stream. The message never contains a
 * credential: URLs in it are redacted.
 *
 * @example
 * ```ts
 * watch.cache.subscribe({
 *   error: (e) => { if (isRestError(e) && e.kind === 'client') console.error('check restUrl and namespace', e.status); },
 * });
 * ```
 * @see {@link AuthError}, {@link ConnectionError}, {@link ErrorFields}
 */
export class RestError extends Error implements ErrorFields<RestErrorKind> {
  override readonly name = 'RestError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'RestError';
  }

  /** What went wrong. */
  readonly kind: RestErrorKind;
  /** The HTTP status of the answer, when there was one (`server`, `throttled`, `client`). */
  readonly status: number | undefined;
  /** Never set: REST has no close code. */
  declare readonly closeCode: undefined;
  /** The number of consecutive failed attempts when the watch gave up, if it did. */
  readonly attempts: number | undefined;
  /** Never set: `fetch`'s own error may quote the URL, so only the message tells of it. */
  declare readonly cause: undefined;

  constructor(message: string, fields: { readonly kind: RestErrorKind; readonly status?: number; readonly attempts?: number }) {
    super(message);
    this.kind = fields.kind;
    this.status = fields.status;
    this.attempts = fields.attempts;
  }
}

/**
 * Whether `error` is a {@link RestError}.
 *
 * @example
 * ```ts
 * if (isRestError(error)) console.warn(error.kind, error.status);
 * ```
 */
export function isRestError(error: unknown): error is RestError {
  return isNamedError<RestError>(error, 'RestError');
}
