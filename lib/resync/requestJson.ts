import { from, isObservable, Observable, type Subscription } from 'rxjs';
import { AuthError } from '../errors/AuthError.js';
import { RestError } from '../errors/RestError.js';
import type { RestFetch, RestResponse } from './RestFetch.js';

/** How one REST request is made: where, with which headers, and how to describe it safely. */
export interface JsonRequest {
  readonly fetch: RestFetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The URL as it may be printed: credentials redacted. */
  readonly printableUrl: string;
  /** Removes every credential from a text taken from the platform (an error message). */
  readonly scrub: (text: string) => string;
}

/** What a 2xx answer gave: its JSON body, and when the server answered, if it said. */
export interface JsonAnswer {
  readonly body: unknown;
  /** The `Date` header, epoch ms (whole seconds, as HTTP dates have them); `undefined` without a valid one. */
  readonly date: number | undefined;
}

/** The `Date` of an answer: anything a server sends is hostile, so a header reader that throws or a bad date is no date. */
function dateOf(response: RestResponse): number | undefined {
  let raw: unknown;
  try {
    raw = response.headers?.get('date');
  } catch {
    return undefined;
  }
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function failureText(error: unknown, scrub: (text: string) => string): string {
  if (!(error instanceof Error)) return '';
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error && cause.message !== '' ? cause.message : error.message;
  return detail === '' ? '' : `: ${scrub(detail).slice(0, 120)}`;
}

/** The error an HTTP status other than 2xx stands for. */
function statusError(status: number, printableUrl: string): AuthError | RestError {
  if (status === 401 || status === 403)
    return new AuthError(`The REST API refused the credentials (HTTP ${status})`, { kind: 'rest', status });
  if (status === 429)
    return new RestError(`The REST API is throttling requests (HTTP 429) at ${printableUrl}`, { kind: 'throttled', status });
  if (status >= 400 && status < 500)
    return new RestError(`The REST API refused ${printableUrl} (HTTP ${status})`, { kind: 'client', status });
  return new RestError(`The REST API failed at ${printableUrl} (HTTP ${status})`, { kind: 'server', status });
}

/**
 * One GET through the watch's {@link RestFetch}, as a cold Observable of the JSON body and the
 * server's `Date`: it emits them and completes for a 2xx answer, and errors with an `AuthError` for 401 and
 * 403, or a {@link RestError} otherwise. Unsubscribing aborts the request. Internal.
 *
 * @internal
 */
export function requestJson(request: JsonRequest): Observable<JsonAnswer> {
  return new Observable<JsonAnswer>((subscriber) => {
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    let reading: Subscription | undefined;
    // Whether the body was read: then there is nothing left to abort.
    let completed = false;
    const failed = (error: unknown): void => {
      subscriber.error(
        new RestError(`The request to ${request.printableUrl} failed${failureText(error, request.scrub)}`, { kind: 'network' }),
      );
    };
    const unreadable = (error: unknown): void => {
      subscriber.error(
        new RestError(`The answer of ${request.printableUrl} is not JSON${failureText(error, request.scrub)}`, { kind: 'schema' }),
      );
    };
    const read = (response: RestResponse): void => {
      const status = response.status;
      if (typeof status !== 'number' || status < 200 || status > 299) {
        subscriber.error(statusError(status, request.printableUrl));
        return;
      }
      const date = dateOf(response);
      let body: unknown;
      try {
        body = response.json();
      } catch (error) {
        unreadable(error);
        return;
      }
      if (!isPromiseLike(body)) {
        completed = true;
        subscriber.next({ body, date });
        subscriber.complete();
        return;
      }
      reading = from(body).subscribe({
        next: (value) => {
          completed = true;
          subscriber.next({ body: value, date });
          subscriber.complete();
        },
        error: unreadable,
      });
    };
    let answer: PromiseLike<RestResponse> | Observable<RestResponse>;
    try {
      answer = request.fetch(request.url, {
        method: 'GET',
        headers: request.headers,
        ...(controller ? { signal: controller.signal } : {}),
      });
    } catch (error) {
      failed(error);
      return undefined;
    }
    let answered = false;
    const answering = (isObservable(answer) ? answer : from(answer)).subscribe({
      next: (response) => {
        if (answered) return;
        answered = true;
        read(response);
      },
      error: failed,
      complete: () => {
        if (!answered) failed(new Error('no response'));
      },
    });
    return () => {
      answering.unsubscribe();
      reading?.unsubscribe();
      // A request still in flight (or a body still being read) is no longer wanted.
      if (!completed) controller?.abort();
    };
  });
}
