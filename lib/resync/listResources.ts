import { defer, map, Observable, retry, tap, throwError, timeout, type SchedulerLike, type Subscription } from 'rxjs';
import { RestError } from '../errors/RestError.js';
import { excerptOf } from '../model/DecodeError.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import { decodeListingPage, type ListingPage } from './decodeListingPage.js';
import type { RestFetch } from './RestFetch.js';
import { requestJson } from './requestJson.js';
import { readDetails, type ResourceDetails } from '../details/ResourceDetails.js';

/** Where and how a watch lists resources over REST: everything resolved and checked. */
export interface RestTarget {
  readonly fetch: RestFetch;
  /** Headers of every request (the `Authorization` header, for header credentials). */
  readonly headers: Readonly<Record<string, string>>;
  /** The URL of the first page of a kind's listing, query credentials and `limit` included. */
  firstPageUrl(kind: ResourceType): string;
  /** The URL of a `meta.next` path, with the query credentials; `undefined` if it leaves the REST origin. */
  nextPageUrl(next: string): string | undefined;
  /**
   * The URL of one resource (its `resource_uri`, a path or a URL on the REST origin), with the
   * query credentials; `undefined` for a URI that is not a resource URI or that leaves the origin.
   */
  resourceUrl(uri: string): string | undefined;
  /** The URL with its credentials redacted, for messages. */
  printable(url: string): string;
  /** Removes every credential from a text. */
  readonly scrub: (text: string) => string;
  /** How long a page may take. */
  readonly listTimeout: number;
}

/**
 * How a failed page is retried: `delay` answers an Observable whose first value starts the
 * next try, or one that errors to give up (with that error); `succeeded` is called for each
 * page that answered, so that consecutive failures can be counted.
 */
export interface PageRetryPolicy {
  delay(error: unknown): Observable<unknown>;
  succeeded(): void;
}

/**
 * What the caller knows of a kind's listing while it is paged through: `begin` is called as
 * each pass over its pages starts, and `left` asked at the end of a pass of several pages
 * whether one of its resources left the listing since (then a page may have skipped one).
 */
export interface ListingShift {
  begin(): void;
  left(): boolean;
}

/**
 * The listing of one kind: its objects as events, when each was listed, and how many pages it
 * took. A page is dated by its `Date` header, the server's clock when it answered (the same
 * clock as the events' `datetime`); a page without one by the watch's clock when it was asked.
 */
export interface KindListing {
  readonly kind: ResourceType;
  readonly events: readonly ResourceEvent[];
  /** What the listing said of each resource, one per event (scrubbed of the credentials). */
  readonly details: readonly ResourceDetails[];
  /** The date of each event's page, epoch ms, index for index with `events`. */
  readonly listedAt: readonly number[];
  /** The earliest date of its pages: what a resource missing from the listing is dated by. */
  readonly since: number;
  readonly pages: number;
}

/** A guard against a server whose `next` links never end. */
const MAX_PAGES = 10_000;
/**
 * How many times a listing is started over in all, whatever the reason (its `total_count` moved,
 * or `shift` saw a resource leave): the one bound of listings per kind per call, documented in
 * docs/resync.md. Page retries after failures do not count: they follow the backoff.
 */
export const MAX_RELISTS = 3;

/**
 * Lists every resource of `kind` over REST, following `meta.next` page by page, as a cold
 * Observable that emits one {@link KindListing} and completes. A page that fails is tried again
 * as `policy` says (the pages before it stay). Offset pagination shifts when
 * resources come or go between two pages, so a listing of several pages is started over when
 * its `total_count` changed between its first and last page, or when `shift` says a resource
 * left it meanwhile: at most {@link MAX_RELISTS} times in all, then it is taken as it is. A `next` that leaves the REST origin is
 * refused (`RestError` `origin`): the credentials must not follow it. Unsubscribing aborts the
 * request in flight. Internal.
 *
 * @internal
 */
export function listResources(
  kind: ResourceType,
  target: RestTarget,
  scheduler: SchedulerLike,
  policy: PageRetryPolicy,
  shift?: ListingShift,
): Observable<KindListing> {
  const page = (url: string): Observable<ListingPage & { readonly date: number }> => {
    const printableUrl = target.printable(url);
    // Deferred so that each try reads the clock when it asks: a lower bound of when a server
    // without a `Date` answered.
    const ask = defer(() => {
      const asked = scheduler.now();
      return requestJson({ fetch: target.fetch, url, headers: target.headers, printableUrl, scrub: target.scrub }).pipe(
        map((answer) => ({ body: answer.body, date: answer.date ?? asked })),
      );
    });
    return ask.pipe(
      timeout({
        first: target.listTimeout,
        scheduler,
        with: () => throwError(() => new RestError(`No answer from ${printableUrl} within ${target.listTimeout} ms`, { kind: 'timeout' })),
      }),
      map(({ body, date }) => {
        const decoded = decodeListingPage(kind, body);
        if ('path' in decoded) {
          const where = decoded.path === '' ? '' : ` at ${decoded.path}`;
          throw new RestError(`Not a listing${where} (${excerptOf(target.scrub(decoded.detail))}) from ${printableUrl}`, {
            kind: 'schema',
          });
        }
        return { ...decoded, date };
      }),
      tap(() => policy.succeeded()),
      retry({ delay: (error: unknown) => policy.delay(error) }),
    );
  };

  return new Observable<KindListing>((subscriber) => {
    let current: Subscription | undefined;
    let restarts = 0;
    let events: ResourceEvent[] = [];
    let details: ResourceDetails[] = [];
    let listedAt: number[] = [];
    let since = Infinity;
    let pages = 0;
    let firstTotal: number | undefined;

    const fetchPage = (url: string): void => {
      const subscription = page(url).subscribe({ next: onPage, error: (error: unknown) => subscriber.error(error) });
      // A page that answered synchronously has already started the next one.
      if (!subscription.closed) current = subscription;
    };

    const start = (): void => {
      events = [];
      details = [];
      listedAt = [];
      since = Infinity;
      pages = 0;
      firstTotal = undefined;
      shift?.begin();
      fetchPage(target.firstPageUrl(kind));
    };

    function onPage(result: ListingPage & { readonly date: number }): void {
      pages += 1;
      if (pages === 1) firstTotal = result.totalCount;
      since = Math.min(since, result.date);
      result.events.forEach((event, i) => {
        events.push(event);
        details.push(readDetails(result.objects[i], event.resource_uri, target.scrub) ?? { resource_uri: event.resource_uri });
        listedAt.push(result.date);
      });
      if (result.next !== null) {
        if (pages >= MAX_PAGES) {
          subscriber.error(new RestError(`The listing of ${kind} did not end after ${MAX_PAGES} pages`, { kind: 'schema' }));
          return;
        }
        const next = target.nextPageUrl(result.next);
        if (next === undefined) {
          subscriber.error(new RestError(`The listing of ${kind} pointed its next page at another origin`, { kind: 'origin' }));
          return;
        }
        fetchPage(next);
        return;
      }
      // Both reasons share one budget: each alone could otherwise multiply the other's.
      if (pages > 1 && restarts < MAX_RELISTS && (result.totalCount !== firstTotal || shift?.left() === true)) {
        restarts += 1;
        start();
        return;
      }
      subscriber.next({ kind, events, details, listedAt, since, pages });
      subscriber.complete();
    }

    start();
    return () => current?.unsubscribe();
  });
}
