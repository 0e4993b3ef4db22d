import { Observable, throwError, timer, type SchedulerLike, type Subscription } from 'rxjs';
import { AuthError } from '../errors/AuthError.js';
import { RestError } from '../errors/RestError.js';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import type { PersistentMap } from '../tracking/PersistentMap.js';
import { backoffDelay } from '../stream/backoffDelay.js';
import type { StreamStatus } from '../stream/StreamStatus.js';
import { listResources, type KindListing, type PageRetryPolicy, type RestTarget } from './listResources.js';
import { ResourceCache, type DropReason } from './ResourceCache.js';
import type { WatchedEvent } from './WatchedEvent.js';
import type { ResourceDetails } from '../details/ResourceDetails.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResyncCounters, WatchStatus } from './WatchStatus.js';

/** What one step of the engine produced: the cache after it, and its changes in order. */
export interface ResyncBatch<E extends ResourceEvent> {
  readonly view: PersistentMap<WatchedEvent<E>>;
  readonly changes: readonly WatchedEvent<E>[];
  /** What the latest listing said of each cached resource it showed, by normalized URI (kept up to date, not a snapshot). */
  readonly details: ReadonlyMap<string, ResourceDetails>;
}

/** Everything the engine needs, resolved and checked by `watchResources`. */
export interface EngineConfig {
  /** Opens the stream (cold), reporting its statuses to `status`. */
  readonly openStream: (status: (status: StreamStatus) => void) => Observable<CloudEvent>;
  readonly kinds: readonly ResourceType[];
  /** Whether an event (or a listed object) is about a resource asked for: its kind, under its parents. */
  readonly matches: (event: ResourceEvent) => boolean;
  readonly rest: RestTarget;
  readonly retry: false | { readonly baseDelay: number; readonly maxDelay: number; readonly maxAttempts: number };
  readonly bufferLimit: number;
  readonly scheduler: SchedulerLike;
  readonly random: () => number;
  readonly report: (status: WatchStatus) => void;
}

/** Keeps the latest event of each resource, in the order of those latest events. */
function compact<T extends ResourceEvent>(events: readonly T[], keyOf: (event: T) => string): T[] {
  const latest = new Map<string, T>();
  for (const event of events) {
    const key = keyOf(event);
    latest.delete(key);
    latest.set(key, event);
  }
  return [...latest.values()];
}

/**
 * The list-then-watch loop behind `watchResources`, as a cold Observable of batches: on every
 * `open` of the stream it lists the resources over REST while buffering the stream's events,
 * reconciles the cache with both (see {@link ResourceCache}), emits the result as one batch,
 * then applies each further event as it comes. Each subscription has its own stream, cache and
 * listing. Internal.
 *
 * @internal
 */
export function resyncEngine<E extends ResourceEvent>(config: EngineConfig): Observable<ResyncBatch<E>> {
  return new Observable<ResyncBatch<E>>((subscriber) => {
    const { scheduler, retry, rest, report, matches } = config;
    let lists = 0;
    let listFailures = 0;
    const listFailuresByKind: Partial<Record<ResourceType, number>> = {};
    let synthetic = 0;
    let stale = 0;
    let duplicates = 0;
    let reflected = 0;
    let compacted = 0;
    const counters = (): ResyncCounters => ({
      lists,
      listFailures,
      listFailuresByKind: { ...listFailuresByKind },
      synthetic,
      stale,
      duplicates,
      reflected,
      compacted,
    });

    const cache = new ResourceCache<E>((reason: DropReason, event: E) => {
      if (reason === 'reflected') {
        reflected += 1;
        return;
      }
      if (reason === 'stale') stale += 1;
      else duplicates += 1;
      report({ kind: 'dropped', reason, event, counters: counters() });
    });

    // Whether the cache is reconciled with a listing made since the stream last opened: only
    // then are events applied as they come.
    let synced = false;
    let everSynced = false;
    // Events received since the stream last opened, waiting for the listing.
    let buffer: E[] = [];
    // Changes already made to the cache (events of an earlier connection that arrived while
    // unsynced) but not yet emitted: they go out with the next reconcile.
    let pending: WatchedEvent<E>[] = [];
    // The listing since the stream last opened: each kind is listed on its own, and a kind
    // listed stays listed until the next open (any listing made since the open is valid).
    const done = new Map<ResourceType, KindListing>();
    const inFlight = new Map<ResourceType, Subscription>();
    let starting: Subscription | undefined;
    // Consecutive failed requests, for the backoff.
    let failures = 0;
    let reconnected = false;
    let finished = false;

    // What the listings said of the cached resources: a watch needs no request for their names.
    // Replaced at each reconcile, trimmed to the cache, and a resource is forgotten at its end.
    let details = new Map<string, ResourceDetails>();
    // The details of a listing, for the resources it showed that the cache holds. Written over
    // the map of the last listing when it showed the same resources and the cache holds just
    // those (a resync that finds what the cache holds, its common case: no map of every
    // resource built again); otherwise a map of its own. Without buffered events, the cache
    // after a reconcile holds the listed resources that live, and nothing else.
    const keepDetails = (keys: readonly string[], listed: readonly ResourceDetails[], buffered: number): void => {
      const view = cache.view;
      let same = buffered === 0 && view.size === keys.length && details.size === keys.length;
      for (let i = 0; i < keys.length && same; i++) {
        const key = keys[i]!;
        if (details.has(key)) details.set(key, listed[i]!);
        else same = false;
      }
      if (same) return;
      const fresh = new Map<string, ResourceDetails>();
      for (let i = 0; i < keys.length; i++) if (view.has(keys[i]!)) fresh.set(keys[i]!, listed[i]!);
      details = fresh;
    };
    const emit = (changes: readonly WatchedEvent<E>[]): void => {
      subscriber.next({ view: cache.view, changes, details });
    };

    const cancelListing = (): void => {
      starting?.unsubscribe();
      starting = undefined;
      for (const subscription of inFlight.values()) subscription.unsubscribe();
      inFlight.clear();
      done.clear();
    };

    const fail = (error: AuthError | RestError): void => {
      if (finished) return;
      finished = true;
      cancelListing();
      report({ kind: 'failed', error, counters: counters() });
      subscriber.error(error);
    };

    const reconcile = (): void => {
      failures = 0;
      lists += 1;
      const listed: E[] = [];
      const listedKeys: string[] = [];
      // Every synthetic event carries, as `listedAt`, the date of the page it came from (the
      // server's clock), so that a consumer merging several watches can tell it from newer live
      // events; a resource missing from its kind's listing, the date of that listing's first page.
      const pageDates: number[] = [];
      const listedDetails: ResourceDetails[] = [];
      const since = new Map<ResourceType, number>();
      for (const kind of config.kinds) {
        const listing = done.get(kind)!;
        since.set(kind, listing.since);
        listing.events.forEach((event, i) => {
          if (!matches(event)) return;
          listed.push(event as E);
          listedKeys.push(listing.keys[i]!);
          listedDetails.push(listing.details[i]!);
          pageDates.push(listing.listedAt[i]!);
        });
      }
      const listedAt = (resource: E, index: number | undefined): string | undefined => {
        const ms = index === undefined ? since.get(resource.type) : pageDates[index];
        return ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString();
      };
      done.clear();
      const changes = pending;
      pending = [];
      const before = changes.length;
      const buffered = buffer.length;
      cache.reconcile(listed, buffer, changes, listedAt, listedKeys);
      buffer = [];
      keepDetails(listedKeys, listedDetails, buffered);
      for (let i = before; i < changes.length; i++) if (changes[i]!.synthetic === true) synthetic += 1;
      synced = true;
      const first = !everSynced;
      everSynced = true;
      report({ kind: 'synced', resources: cache.view.size, changes: changes.length, buffered, counters: counters() });
      if (!finished && (first || changes.length > 0)) emit(changes);
    };

    // How a failed page of `kind` is retried: with the stream's backoff, unless the failure is
    // fatal. The backoff counts the consecutive failures of every kind; the counters, each kind's.
    const policyOf = (kind: ResourceType): PageRetryPolicy => ({
      succeeded: () => {
        failures = 0;
      },
      delay: (error: unknown) => {
        if (error instanceof AuthError) return throwError(() => error);
        const restError = error instanceof RestError ? error : new RestError('The listing failed', { kind: 'network' });
        listFailures += 1;
        listFailuresByKind[kind] = (listFailuresByKind[kind] ?? 0) + 1;
        failures += 1;
        if (retry === false || restError.kind === 'client' || restError.kind === 'origin') return throwError(() => restError);
        if (failures >= retry.maxAttempts) {
          const message = `${restError.message} (gave up after ${failures} attempts)`;
          return throwError(() => new RestError(message, { kind: restError.kind, status: restError.status, attempts: failures }));
        }
        const delay = backoffDelay(failures - 1, retry.baseDelay, retry.maxDelay, config.random);
        report({ kind: 'list-failed', resourceKind: kind, attempt: failures, delay, error: restError, counters: counters() });
        return timer(delay, scheduler);
      },
    });

    const listKind = (kind: ResourceType): void => {
      const subscription = listResources(
        kind,
        rest,
        scheduler,
        policyOf(kind),
        (key) => details.get(key),
        // The cache does not change while a listing is in flight (events wait in the buffer).
        (key) => cache.view.get(key),
        (uri) => cache.keyOfUri(uri),
      ).subscribe({
        next: (listing) => {
          inFlight.delete(kind);
          done.set(kind, listing);
          if (done.size === config.kinds.length) reconcile();
        },
        error: (error: unknown) => {
          inFlight.delete(kind);
          fail(error instanceof AuthError || error instanceof RestError ? error : new RestError('The listing failed', { kind: 'network' }));
        },
      });
      // A listing that answered synchronously has already done what comes next.
      if (!subscription.closed) inFlight.set(kind, subscription);
    };

    const startListing = (): void => {
      cancelListing();
      // Never from inside the stream's status report: the listing may answer synchronously.
      starting = scheduler.schedule(() => {
        starting = undefined;
        if (finished) return;
        report({ kind: 'listing', attempt: failures, reconnected, counters: counters() });
        for (const kind of config.kinds) if (!finished) listKind(kind);
      });
    };

    const onStatus = (status: StreamStatus): void => {
      report(status);
      if (finished) return;
      if (status.kind === 'open') {
        // Events of the previous connection that arrived before its listing finished are
        // real and newer than the cache: apply them now; they go out with the next reconcile.
        if (!synced && buffer.length > 0) for (const event of buffer) cache.apply(event, pending);
        buffer = [];
        synced = false;
        reconnected = status.reconnected;
        startListing();
      } else if (status.kind === 'reconnecting') {
        // The stream is down: the listing in flight would be out of date by the next open.
        cancelListing();
        synced = false;
      }
    };

    const onEvent = (event: CloudEvent): void => {
      if (finished || !isResourceEvent(event) || !matches(event)) return;
      const resource = event as E;
      if (isEndOfLife(resource)) details.delete(cache.keyOf(resource));
      if (synced) {
        const changes: WatchedEvent<E>[] = [];
        cache.apply(resource, changes);
        if (changes.length > 0) emit(changes);
        return;
      }
      buffer.push(resource);
      if (buffer.length + pending.length > config.bufferLimit) {
        compacted += 1;
        buffer = compact(buffer, (e) => cache.keyOf(e));
        pending = compact(pending, (e) => cache.keyOf(e));
      }
    };

    const stream = config.openStream(onStatus).subscribe({
      next: onEvent,
      error: (error: unknown) => {
        if (finished) return;
        finished = true;
        cancelListing();
        subscriber.error(error);
      },
      complete: () => {
        if (finished) return;
        finished = true;
        cancelListing();
        subscriber.complete();
      },
    });

    return () => {
      finished = true;
      cancelListing();
      stream.unsubscribe();
    };
  });
}
