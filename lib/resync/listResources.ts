import { defer, map, Observable, retry, tap, throwError, timeout, type SchedulerLike, type Subscription } from 'rxjs';
import { RestError } from '../errors/RestError.js';
import { excerptOf } from '../model/DecodeError.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import { decodeListingPage, type ListingPage } from './decodeListingPage.js';
import type { RestFetch } from './RestFetch.js';
import { requestJson } from './requestJson.js';
import { listedAsHeld } from './ResourceCache.js';
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
 * not a new listing. A `next` that does not page by offset is followed as it is. `previous` and
 * `held` give what the watch holds of a resource (its details, its cached event), so that what a
 * listing shows unchanged is kept as it was held; `keyOf` normalizes a resource URI (the
 * watch's memo, whose keys are the strings it holds). Internal.
 *
 * @internal
 */
export function listResources(
  kind: ResourceType,
  target: RestTarget,
  scheduler: SchedulerLike,
  policy: PageRetryPolicy,
  previous: (key: string) => ResourceDetails | undefined = () => undefined,
  held: (key: string) => ResourceEvent | undefined = () => undefined,
  keyOf: (uri: string) => string = normalizeResourceUri,
): Observable<KindListing> {
  // A page's request, with the hook told its `next` as soon as the page's envelope is read.
  const page = (url: string, onEnvelope: (next: string | null, length: number) => void): Observable<DatedPage> => {
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
        const decoded = decodeListingPage(kind, body, onEnvelope);
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
    const events: ResourceEvent[] = [];
    const details: ResourceDetails[] = [];
    const listedAt: number[] = [];
    const listedKeys: string[] = [];
    // Where each listed object is in `events`, by normalized URI.
    const listed = new Map<string, number>();
    let since = Infinity;
    let pages = 0;
    const firstUrl = target.firstPageUrl(kind);
    // The pages after the first ask one object more, the one they must show again.
    const firstLimit = Number(new URL(firstUrl).searchParams.get('limit'));
    const limit = Number.isSafeInteger(firstLimit) && firstLimit >= 1 ? firstLimit + 1 : undefined;
    // The request whose page is read next; those asked ahead of it hang from it.
    let current: PageRequest | undefined;

    // Starts a request. Its page is read when it is the current request (so pages are read in
    // order, whenever they answer), and the request for the page after it starts as soon as its
    // envelope is read, while its objects are.
    const start = (url: string, offset: number | undefined): PageRequest => {
      const request: PageRequest = { url, offset, subscription: undefined, answer: undefined, failure: undefined, ahead: undefined };
      const subscription = page(url, (next, length) => askAhead(request, next, length)).subscribe({
        next: (answer) => {
          request.answer = answer;
          if (request === current) onPage(request);
        },
        error: (error: unknown) => {
          request.failure = { error };
          if (request === current) subscriber.error(error);
        },
      });
      if (!subscription.closed) request.subscription = subscription;
      return request;
    };

    // The request after `request`'s page: where its `next` points, asked one object early while
    // the listing pages by offset; `undefined` if `next` leaves the REST origin.
    const following = (request: PageRequest, next: string, length: number): { url: string; offset: number | undefined } | undefined => {
      const url = target.nextPageUrl(next);
      if (url === undefined) return undefined;
      const step = request.offset === undefined || limit === undefined ? undefined : overlapping(url, request.offset, length, limit);
      return step === undefined ? { url, offset: undefined } : { url: step, offset: request.offset! + length - 1 };
    };

    // Asks for the page after `request`'s while its objects are read, so that the server works
    // on it meanwhile. A page tried again asks for the same one, which goes on.
    const askAhead = (request: PageRequest, next: string | null, length: number): void => {
      const step = next === null || subscriber.closed || pages >= MAX_PAGES ? undefined : following(request, next, length);
      if (step !== undefined && request.ahead?.url === step.url) return;
      cancel(request.ahead);
      request.ahead = step === undefined ? undefined : start(step.url, step.offset);
    };

    // Makes `request` the current one, and reads its page if it has answered.
    const adopt = (request: PageRequest): void => {
      current = request;
      if (request.failure !== undefined) subscriber.error(request.failure.error);
      else if (request.answer !== undefined) onPage(request);
    };

    // The objects of the pages read so far, waiting for their details: read while the next page
    // is on its way (a page that answers at once is read in its turn: they are read in order).
    const unread: { readonly from: number; readonly objects: readonly unknown[] }[] = [];
    let reading = false;
    let ended = false;
    // The objects of a listing repeat the same values (parents, images): scrubbed once each.
    const scrubDetail = memoizeScrubber(target.scrub);

    function onPage(request: PageRequest): void {
      const result = request.answer!;
      pages += 1;
      const keys = result.events.map((event) => keyOf(event.resource_uri));
      // The last object of the page already listed: the listing goes on after it.
      let last = -1;
      for (let i = keys.length - 1; i >= 0 && last < 0; i--) if (listed.has(keys[i]!)) last = i;
      const offset = request.offset;
      if (last < 0 && offset !== undefined && limit !== undefined && offset > 0 && listed.size > 0) {
        // Nothing this page shows is listed yet: objects before it left, and the ones listed
        // moved to lower offsets. Ask again from lower down (the page asked ahead is not wanted).
        if (tooMany()) return;
        cancel(request.ahead);
        const lower = Math.max(0, offset - (limit - 1));
        adopt(start(pageAt(new URL(request.url), lower, limit), lower));
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
        // A resource listed as the cache holds it is kept as the cache's own event: the copy the
        // page made dies young rather than living to the end of the listing (most of a resync's
        // garbage collection, when little changed).
        const event = result.events[i]!;
        const kept = held(key);
        events.push(kept !== undefined && listedAsHeld(kept, event) ? kept : event);
        objects.push(result.objects[i]);
        listedAt.push(result.date);
      }
      unread.push({ from, objects });
      if (result.next === null) ended = true;
      else {
        if (tooMany()) return;
        // Asked for when the envelope was read, unless `next` leaves the REST origin.
        const ahead = request.ahead;
        if (ahead === undefined) {
          subscriber.error(new RestError(`The listing of ${kind} pointed its next page at another origin`, { kind: 'origin' }));
          return;
        }
        adopt(ahead);
        if (subscriber.closed) return;
      }
      readDetailsOfPages();
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

    adopt(start(firstUrl, limit === undefined ? undefined : 0));
    return () => cancel(current);
  });
}

/** A page, dated. */
type DatedPage = ListingPage & { readonly date: number };

/** One request of a listing, and what became of it. */
interface PageRequest {
  readonly url: string;
  /** The offset it asks from, while the listing pages by offset. */
  readonly offset: number | undefined;
  subscription: Subscription | undefined;
  answer: DatedPage | undefined;
  failure: { readonly error: unknown } | undefined;
  /** The request for the page after this one, asked once this page's `next` was read. */
  ahead: PageRequest | undefined;
}

/** Stops a request in flight and those asked ahead of it. */
function cancel(request: PageRequest | undefined): void {
  for (let r = request; r !== undefined; r = r.ahead) r.subscription?.unsubscribe();
}
