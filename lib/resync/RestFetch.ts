import type { Observable } from 'rxjs';

/**
 * What a watch passes to its {@link RestFetch} for each REST request: a GET with these headers
 * (the `Authorization` header, when credentials go in a header) and a signal that aborts the
 * request when the watch no longer needs it.
 */
export interface RestRequestInit {
  readonly method: 'GET';
  readonly headers: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/**
 * The part of a `fetch` `Response` a watch reads: the status, the body as JSON, and the `Date`
 * header when there are headers. `json()` may return the value itself rather than a promise,
 * so that a test double can answer on virtual time.
 *
 * @example
 * ```ts
 * const answer: RestResponse = { status: 200, headers: new Headers({ Date: 'Mon, 01 Feb 2016 16:47:28 GMT' }), json: () => ({ objects: [] }) };
 * ```
 */
export interface RestResponse {
  /** The HTTP status. */
  readonly status: number;
  /**
   * The response headers (a `fetch` `Headers`, or anything with its case-insensitive `get`).
   * A watch reads `Date`, the server's clock when it answered, to date what a listing page
   * shows (`listedAt`); without it, the watch's own clock stands in.
   */
  readonly headers?: {
    /** The value of the header `name` (any case), or `null` when the answer has none. */
    get(name: string): string | null;
  };
  /** The body, parsed as JSON: the value, or a promise of it. */
  json(): unknown;
}

/**
 * How a watch makes REST requests: the platform's `fetch` by default (browsers, Node 18+), or
 * any function of the same shape. It may return a promise or an Observable of the response;
 * tests return an Observable scheduled on a `TestScheduler`.
 *
 * @example
 * ```ts
 * // A fetch that logs every request (the URL is redacted: it may hold query credentials).
 * const loggingFetch: RestFetch = (url, init) => {
 *   console.log('GET', redactUrl(url));
 *   return fetch(url, init);
 * };
 * watchResources({ kinds: ['service'], fetch: loggingFetch });
 * ```
 * @see {@link WatchOptions}
 */
export type RestFetch = (url: string, init: RestRequestInit) => PromiseLike<RestResponse> | Observable<RestResponse>;
