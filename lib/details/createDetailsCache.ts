import {
  asyncScheduler,
  map,
  Observable,
  retry as retryWhen,
  Subject,
  throwError,
  timeout,
  timer,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscriber,
  type Subscription,
} from 'rxjs';
import { AuthError } from '../errors/AuthError.js';
import { RestError } from '../errors/RestError.js';
import { StreamOptionsError } from '../errors/StreamOptionsError.js';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import { isResourceType } from '../model/isResourceType.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { RESOURCE_TYPES, wordsOf } from '../model/vocabulary.js';
import { checkOption } from '../options/checkOption.js';
import { describeValue } from '../options/describeValue.js';
import type { OptionShape } from '../options/OptionCheck.js';
import type { RestTarget } from '../resync/listResources.js';
import type { RestFetch } from '../resync/RestFetch.js';
import { requestJson } from '../resync/requestJson.js';
import { restTarget } from '../resync/resolveWatchOptions.js';
import { backoffDelay } from '../stream/backoffDelay.js';
import { resolveRetry } from '../stream/resolveRetry.js';
import { STREAM_OPTIONS } from '../stream/streamOptionsShape.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';
import type { DetailsCache } from './DetailsCache.js';
import type { DetailsOptions } from './DetailsOptions.js';
import { readDetails, type ResourceDetails } from './ResourceDetails.js';
import { refreshesDetails } from './refreshesDetails.js';

function fail(option: string, message: string): never {
  throw new StreamOptionsError(`Invalid option ${option}: ${message}`, { option });
}

const { url, namespace, dialect, auth, allowInsecure, retry, scheduler, random } = STREAM_OPTIONS;
const DETAILS_OPTIONS: OptionShape = {
  url: url!,
  restUrl: 'string',
  namespace: namespace!,
  dialect: dialect!,
  auth: auth!,
  allowInsecure: allowInsecure!,
  fetch: 'function',
  retry: retry!,
  scheduler: scheduler!,
  random: random!,
  kinds: (v, path, fail) => {
    if (!Array.isArray(v)) fail(path, `expected an array of resource types, got ${describeValue(v)}`);
    (v as unknown[]).forEach((kind, i) => {
      if (!isResourceType(kind)) fail(`${path}[${i}]`, `expected ${wordsOf(RESOURCE_TYPES, false)}, got ${describeValue(kind)}`);
    });
  },
  parents: 'boolean',
  maxEntries: 1,
  timeout: 1,
  refresh: 'function',
  watch: 'object',
  status: 'function',
};

/** One resource the cache holds. */
interface Entry {
  /** The URI to fetch (the first form the cache saw). */
  readonly uri: string;
  details: ResourceDetails | undefined;
  /** The state the stream last gave, for `refresh`. */
  state: string | undefined;
  request: Subscription | undefined;
  /** A refresh was asked while a request was in flight: its answer may predate the change. */
  again: boolean;
  readonly listeners: Set<Subscriber<ResourceDetails>>;
}

/** What an entry point (browser or Node) gives to {@link detailsOn}. */
export interface DetailsPlatform {
  /** The `fetch` to use when the options name none. */
  readonly fetch: RestFetch | undefined;
}

/**
 * Makes a details cache on a platform: the browser-safe entry's `createDetailsCache` and the
 * Node entry's share it. Internal.
 *
 * @internal
 */
export function detailsOn(options: DetailsOptions, platform: DetailsPlatform): DetailsCache {
  checkOption(DETAILS_OPTIONS, options, '', fail);
  if (options.url !== undefined) {
    try {
      new URL(options.url);
    } catch {
      // Not echoed: a mistyped URL may hold a credential.
      fail('url', 'not a valid absolute URL');
    }
  }
  const target: RestTarget = restTarget(options, platform, options.dialect ?? 'dockercloud');
  const backoff = options.retry === false ? false : resolveRetry(options.retry, fail);
  const sched: SchedulerLike = options.scheduler ?? asyncScheduler;
  const draw = options.random ?? Math.random;
  const kinds = new Set<string>(options.kinds ?? RESOURCE_TYPES.filter((kind) => kind !== 'action'));
  const withParents = options.parents !== false;
  const maxEntries = options.maxEntries ?? 1000;
  const requestTimeout = options.timeout ?? 30_000;
  const refresh = options.refresh ?? refreshesDetails;
  const report = options.status ?? (() => undefined);

  // In least-recently-seen order: an entry is moved to the end each time an event names it.
  const entries = new Map<string, Entry>();
  // The `follow()` subscribers, told of a refused credential.
  const followers = new Set<Subscriber<never>>();
  const updates = new Subject<ResourceDetails>();

  const keyOf = (uri: string): string | undefined => {
    try {
      return parseResourceUri(uri) === undefined ? undefined : normalizeResourceUri(uri);
    } catch {
      return undefined;
    }
  };

  const forget = (key: string): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    entry.request?.unsubscribe();
    for (const listener of [...entry.listeners]) listener.complete();
  };

  const giveUp = (key: string, entry: Entry, error: RestError | AuthError): void => {
    entries.delete(key);
    report({ kind: 'gave-up', uri: target.printable(entry.uri), error });
    // Credentials refused: every request would be refused, so the followed streams end, as a
    // watch does; first, so that what a listener does next knows it.
    if (error instanceof AuthError) for (const follower of [...followers]) follower.error(error);
    for (const listener of [...entry.listeners]) listener.error(error);
  };

  const fetchDetails = (key: string, entry: Entry): void => {
    if (entry.request !== undefined) {
      entry.again = true;
      return;
    }
    const url = target.resourceUrl(entry.uri);
    if (url === undefined) return;
    const printableUrl = target.printable(url);
    let failures = 0;
    entry.again = false;
    const request = requestJson({ fetch: target.fetch, url, headers: target.headers, printableUrl, scrub: target.scrub }).pipe(
      timeout({
        first: requestTimeout,
        scheduler: sched,
        with: () => throwError(() => new RestError(`No answer from ${printableUrl} within ${requestTimeout} ms`, { kind: 'timeout' })),
      }),
      map(({ body }) => {
        const details = readDetails(body, entry.uri, target.scrub);
        if (details === undefined) throw new RestError(`Not a resource from ${printableUrl}`, { kind: 'schema' });
        return details;
      }),
      retryWhen({
        delay: (error: unknown) => {
          if (error instanceof AuthError) return throwError(() => error);
          const restError =
            error instanceof RestError ? error : new RestError(`The request to ${printableUrl} failed`, { kind: 'network' });
          failures += 1;
          if (backoff === false || restError.kind === 'client' || restError.kind === 'origin') return throwError(() => restError);
          if (failures >= backoff.maxAttempts) {
            const message = `${restError.message} (gave up after ${failures} attempts)`;
            return throwError(() => new RestError(message, { kind: restError.kind, status: restError.status, attempts: failures }));
          }
          const delay = backoffDelay(failures - 1, backoff.baseDelay, backoff.maxDelay, draw);
          report({ kind: 'retrying', uri: target.printable(entry.uri), attempt: failures, delay, error: restError });
          return timer(delay, sched);
        },
      }),
    );
    let answered = false;
    const subscription = request.subscribe({
      next: (details) => {
        answered = true;
        entry.request = undefined;
        // Forgotten meanwhile (its end came first): the answer is of no use.
        if (entries.get(key) !== entry) return;
        entry.details = details;
        for (const listener of [...entry.listeners]) listener.next(details);
        updates.next(details);
        if (entry.again) fetchDetails(key, entry);
      },
      error: (error: unknown) => {
        answered = true;
        entry.request = undefined;
        if (entries.get(key) !== entry) return;
        giveUp(
          key,
          entry,
          error instanceof AuthError
            ? error
            : error instanceof RestError
              ? error
              : new RestError('The request failed', { kind: 'network' }),
        );
      },
    });
    // An answer on the spot (a test double) has already been taken.
    if (!answered) entry.request = subscription;
  };

  /** The entry of `uri`, made (and fetched, unless a watch listed it) if new; `undefined` for no resource URI. */
  const touch = (uri: string): { key: string; entry: Entry; fresh: boolean } | undefined => {
    const key = keyOf(uri);
    if (key === undefined) return undefined;
    let entry = entries.get(key);
    if (entry !== undefined) {
      // Most recently seen: last to be evicted.
      entries.delete(key);
      entries.set(key, entry);
      return { key, entry, fresh: false };
    }
    entry = { uri, details: options.watch?.details(uri), state: undefined, request: undefined, again: false, listeners: new Set() };
    entries.set(key, entry);
    while (entries.size > maxEntries) forget(entries.keys().next().value as string);
    if (entry.details === undefined) fetchDetails(key, entry);
    return { key, entry, fresh: true };
  };

  const onEvent = (event: ResourceEvent): void => {
    // Not for the parents of a resource that ends: they often ended before it (a service's
    // containers end after it is deleted), and a request for them would find nothing.
    if (withParents && !isEndOfLife(event)) {
      for (const parent of event.parents) {
        const kind = parseResourceUri(parent)?.kind;
        if (kind !== undefined && kinds.has(kind)) touch(parent);
      }
    }
    if (!kinds.has(event.type)) return;
    if (isEndOfLife(event)) {
      const key = keyOf(event.resource_uri);
      if (key !== undefined) forget(key);
      return;
    }
    const touched = touch(event.resource_uri);
    if (touched === undefined) return;
    const { key, entry, fresh } = touched;
    const previous = entry.state;
    entry.state = event.state ?? previous;
    if (!fresh && refresh(event, previous)) fetchDetails(key, entry);
  };

  return {
    follow<T extends CloudEvent>(): MonoTypeOperatorFunction<T> {
      return (source) =>
        new Observable<T>((subscriber) => {
          followers.add(subscriber);
          const subscription = source.subscribe({
            next: (event) => {
              // First the event, then what it calls for: a fetch never holds it back.
              subscriber.next(event);
              if (isResourceEvent(event)) onEvent(event);
            },
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
          return () => {
            followers.delete(subscriber);
            subscription.unsubscribe();
          };
        });
    },
    details(uri: string): Observable<ResourceDetails> {
      return new Observable<ResourceDetails>((subscriber) => {
        const touched = touch(uri);
        if (touched === undefined) {
          subscriber.complete();
          return undefined;
        }
        const { entry } = touched;
        entry.listeners.add(subscriber);
        if (entry.details !== undefined) subscriber.next(entry.details);
        return () => entry.listeners.delete(subscriber);
      });
    },
    get(uri: string): ResourceDetails | undefined {
      const key = keyOf(uri);
      return key === undefined ? undefined : entries.get(key)?.details;
    },
    get size() {
      return entries.size;
    },
    updates: updates.asObservable(),
  };
}

/**
 * A cache of resources' REST details (name, image, node…) that follows their lives, for
 * showing people names where events carry only URIs, as Docker Cloud's own consumers fetched
 * `resource_uri` for them.
 *
 * - **Fetched once per resource**: the first event naming a resource (or, by default, naming it
 *   as a parent) fetches `GET <resource_uri>`; later events do not, and concurrent askers of
 *   one resource share one request.
 * - **Refreshed when it matters**: an event for which `refresh` says so (by default
 *   {@link refreshesDetails}: a redeploy or deployment that settles, an edit) fetches again.
 * - **Forgotten at its end**: an end-of-life event (`isEndOfLife`) drops the resource; past
 *   `maxEntries`, the least recently seen goes first.
 * - **Failures**: requests back off as the stream does (`retry`, `backoffDelay`); a 4xx, or
 *   `retry.maxAttempts` used up, gives the resource up with a typed `RestError`
 *   (`kind`, `status`, `attempts`) on `details(uri)`, reported to `status`; the next event
 *   naming it tries again. Credentials refused (401, 403) are an `AuthError`, which ends the
 *   followed streams as it ends a watch.
 * - **Credentials** go as for `watchResources` (`auth`, header or query), only to the REST
 *   origin, and only for resource URIs; no message holds them, and a credential a server
 *   echoes in a field is removed from the details.
 *
 * Events are never delayed: `follow()` passes each on at once, and its details follow, keyed
 * by URI (see {@link DetailsCache}). Given a `watch`, a resource its listing showed needs no
 * request. This entry is browser-safe; on Node, `dockercloud-rx/node` has one that reads the
 * `DOCKERCLOUD_*` settings.
 *
 * @throws {@link StreamOptionsError} at once when an option is invalid.
 *
 * @example
 * ```ts
 * const names = createDetailsCache({ url: 'wss://ws.cloud.docker.com', auth: { user: 'me', apiKey: key } });
 * streamEvents({ auth: { user: 'me', apiKey: key } })
 *   .pipe(names.follow(), ofType('service'), stateTransitions())
 *   .subscribe((t) => console.log(names.get(t.resource_uri)?.name ?? t.resource_uri, t.from, '→', t.to));
 * ```
 * @see {@link DetailsCache}, {@link DetailsOptions}, {@link ResourceDetails}
 */
export function createDetailsCache(options: DetailsOptions = {}): DetailsCache {
  const platformFetch = (globalThis as { fetch?: RestFetch }).fetch;
  return detailsOn(options, {
    // Called as a plain function, `fetch` loses its receiver in some browsers.
    fetch: platformFetch === undefined ? undefined : (url, init) => platformFetch.call(globalThis, url, init),
  });
}
