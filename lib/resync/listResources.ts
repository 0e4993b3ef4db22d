import { defer, map, Observable, retry, tap, throwError, timeout, type SchedulerLike, type Subscription } from 'rxjs';
import { RestError } from '../errors/RestError.js';
import { excerptOf } from '../model/DecodeError.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import { decodeListingPage, type ListingPage } from './decodeListingPage.js';
import type { RestFetch } from './RestFetch.js';
import { requestJson } from './requestJson.js';
import { readDetails, type ResourceDetails } from '../details/ResourceDetails.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import { memoizeScrubber } from '../credentials/memoizeScrubber.js';

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
 * The listing of one kind: its objects as events, when each was listed, and how many pages it
 * took. A page is dated by its `Date` header, the server's clock when it answered (the same
 * clock as the events' `datetime`); a page without one by the watch's clock when it was asked.
 */
export interface KindListing {
  readonly kind: ResourceType;
  readonly events: readonly ResourceEvent[];
  /** What the listing said of each resource, one per event (scrubbed of the credentials). */
  readonly details: readonly ResourceDetails[];
  /** The normalized URI of each event's resource, index for index with `events`. */
  readonly keys: readonly string[];
  /** The date of each event's page, epoch ms, index for index with `events`. */
  readonly listedAt: readonly number[];
  /** The earliest date of its pages: what a resource missing from the listing is dated by. */
  readonly since: number;
  readonly pages: number;
}

/** A guard against a server whose `next` links never end: the most requests one listing makes. */
const MAX_PAGES = 10_000;

/**
 * The request that continues a listing after a page, one object early: asked from the offset of
 * the page's last object, with `limit` (one more than the first page's), it must show that
 * object again, or one before it. `undefined` when `next` does not page by offset the way this
 * page did (its `offset` must be where this page ended): then `next` is followed as it is.
 */
function overlapping(next: string, offset: number, length: number, limit: number): string | undefined {
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return undefined;
  }
  if (length < 1 || Number(url.searchParams.get('offset') ?? Number.NaN) !== offset + length) return undefined;
  return pageAt(url, offset + length - 1, limit);
}

/** `url` asking for `limit` objects from `offset`. */
function pageAt(url: URL, offset: number, limit: number): string {
  const moved = new URL(url.toString());
  moved.searchParams.set('offset', String(offset));
  moved.searchParams.set('limit', String(limit));
  return moved.toString();
}

/**
 * Lists every resource of `kind` over REST, page by page, as a cold Observable that emits one
 * {@link KindListing} and completes. A page that fails is tried again as `policy` says (the
 * pages before it stay). A `next` that leaves the REST origin is refused (`RestError`
 * `origin`): the credentials must not follow it. Unsubscribing aborts the request in flight.
 *
 * Offset pagination skips an object when an object before it leaves the listing between two
 * requests. So, where the server pages by offset (Docker Cloud and Tutum do), each page after
 * the first is asked one object early, from the offset of the last object listed (its `limit`
 * one higher), and must show an object already listed: the listing goes on after the last one
 * it shows. A page that shows none (objects before it left, so the ones listed moved to lower
 * offsets) is asked again `limit − 1` objects earlier, down to the first page, where whatever is
 * unknown is new. Objects keep their order in a listing, so no object present throughout is
 * missed, and none is listed twice; the cost of a change under the pages is a request or two,
 * not a new listing. A `next` that does not page by offset is followed as it is. Internal.
 *
 * @internal
 */
export function listResources(
  kind: ResourceType,
  target: RestTarget,
  scheduler: SchedulerLike,
  policy: PageRetryPolicy,
  previous: (key: string) => ResourceDetails | undefined = () => undefined,
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
    const events: ResourceEvent[] = [];
    const details: ResourceDetails[] = [];
    const listedAt: number[] = [];
    const listedKeys: string[] = [];
    // Where each listed object is in `events`, by normalized URI.
    const listed = new Map<string, number>();
    let since = Infinity;
    let pages = 0;
    let asked = target.firstPageUrl(kind);
    // The pages after the first ask one object more, the one they must show again.
    const firstLimit = Number(new URL(asked).searchParams.get('limit'));
    const limit = Number.isSafeInteger(firstLimit) && firstLimit >= 1 ? firstLimit + 1 : undefined;
    // The offset the page in flight was asked from, while the listing pages by offset.
    let offset: number | undefined = limit === undefined ? undefined : 0;

    const fetchPage = (url: string): void => {
      asked = url;
      const subscription = page(url).subscribe({ next: onPage, error: (error: unknown) => subscriber.error(error) });
      // A page that answered synchronously has already started the next one.
      if (!subscription.closed) current = subscription;
    };

    // The objects of the pages read so far, waiting for their details: read while the next page
    // is on its way (a page that answers at once is read in its turn: they are read in order).
    const unread: { readonly from: number; readonly objects: readonly unknown[] }[] = [];
    let reading = false;
    let ended = false;
    // The objects of a listing repeat the same values (parents, images): scrubbed once each.
    const scrubDetail = memoizeScrubber(target.scrub);

    function onPage(result: ListingPage & { readonly date: number }): void {
      pages += 1;
      const keys = result.events.map((event) => normalizeResourceUri(event.resource_uri));
      // The last object of the page already listed: the listing goes on after it.
      let last = -1;
      for (let i = keys.length - 1; i >= 0 && last < 0; i--) if (listed.has(keys[i]!)) last = i;
      if (last < 0 && offset !== undefined && limit !== undefined && offset > 0 && listed.size > 0) {
        // Nothing this page shows is listed yet: objects before it left, and the ones listed
        // moved to lower offsets. Ask again from lower down.
        if (tooMany()) return;
        offset = Math.max(0, offset - (limit - 1));
        fetchPage(pageAt(new URL(asked), offset, limit));
        return;
      }
      since = Math.min(since, result.date);
      const objects: unknown[] = [];
      const from = events.length;
      for (let i = last + 1; i < keys.length; i++) {
        const key = keys[i]!;
        if (listed.has(key)) continue;
        listed.set(key, events.length);
        listedKeys.push(key);
        events.push(result.events[i]!);
        objects.push(result.objects[i]);
        listedAt.push(result.date);
      }
      unread.push({ from, objects });
      if (result.next === null) ended = true;
      else if (!askNext(result.next, keys.length)) return;
      readDetailsOfPages();
    }

    // Asks for the page after one of `length` objects; `false` if the listing failed instead.
    function askNext(path: string, length: number): boolean {
      if (tooMany()) return false;
      const next = target.nextPageUrl(path);
      if (next === undefined) {
        subscriber.error(new RestError(`The listing of ${kind} pointed its next page at another origin`, { kind: 'origin' }));
        return false;
      }
      const step = offset === undefined || limit === undefined ? undefined : overlapping(next, offset, length, limit);
      offset = step === undefined ? undefined : offset! + length - 1;
      fetchPage(step ?? next);
      return true;
    }

    // Reads the details of the pages waiting, then ends the listing if its last page came.
    function readDetailsOfPages(): void {
      if (reading) return;
      reading = true;
      for (let page = unread.shift(); page !== undefined && !subscriber.closed; page = unread.shift()) {
        page.objects.forEach((object, j) => {
          const at = page.from + j;
          const uri = events[at]!.resource_uri;
          details[at] = readDetails(object, uri, scrubDetail, previous(listedKeys[at]!)) ?? { resource_uri: uri };
        });
      }
      reading = false;
      if (ended && !subscriber.closed) {
        subscriber.next({ kind, events, details, keys: listedKeys, listedAt, since, pages });
        subscriber.complete();
      }
    }

    function tooMany(): boolean {
      if (pages < MAX_PAGES) return false;
      subscriber.error(new RestError(`The listing of ${kind} did not end after ${MAX_PAGES} pages`, { kind: 'schema' }));
      return true;
    }

    fetchPage(asked);
    return () => current?.unsubscribe();
  });
}
