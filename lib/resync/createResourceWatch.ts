import { distinctUntilChanged, filter, map, Observable, ReplaySubject, share } from 'rxjs';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceView } from '../operators/resourceView.js';
import { settled, type SettledOptions } from '../operators/settled.js';
import { liveAfter } from './liveAfter.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import type { ResyncBatch } from './resyncEngine.js';
import type { ResourceWatch } from './ResourceWatch.js';
import type { WatchedEvent } from './WatchedEvent.js';
import type { WatchStatus } from './WatchStatus.js';

/** A cached resource as a late subscriber gets it: a synthetic `create`. */
function replayed<E extends ResourceEvent>(cached: WatchedEvent<E>): WatchedEvent<E> {
  const event: {
    type: E['type'];
    action: 'create';
    parents: readonly string[];
    resource_uri: string;
    state?: string;
    synthetic: true;
    listedAt?: string;
  } = { type: cached.type, action: 'create', parents: [...cached.parents], resource_uri: cached.resource_uri, synthetic: true };
  if (cached.state !== undefined) event.state = cached.state;
  // What the replay shows is as old as the cached entry: its listing's, or its live event's, time.
  const listedAt = cached.listedAt ?? cached.datetime;
  if (listedAt !== undefined) event.listedAt = listedAt;
  return event as unknown as WatchedEvent<E>;
}

/**
 * Where a connection of the watch stands: its latest batch (none before the first listing is
 * reconciled) and whether it is live. `fresh` marks a new batch, as opposed to a change of
 * `live` alone.
 */
interface WatchMoment<E extends ResourceEvent> {
  readonly batch: ResyncBatch<E> | undefined;
  readonly live: boolean;
  readonly fresh: boolean;
}

/**
 * Makes the {@link ResourceWatch} of an engine: one engine subscription shared by every
 * subscriber of `cache`, `events` and `live` (reference-counted, started over once none is
 * left), the latest moment replayed to late subscribers: as the snapshot itself on `cache`,
 * as one synthetic `create` per cached resource on `events`, as the current value on `live`.
 * `connect` makes the engine of one connection, reporting every status of it to the function
 * it is given, from which `live` is derived. Internal.
 *
 * @internal
 */
export function createResourceWatch<E extends ResourceEvent>(
  connect: (observe: (status: WatchStatus) => void) => Observable<ResyncBatch<E>>,
): ResourceWatch<E> {
  // The latest batch of the connection in progress, for `details`: none once it ends.
  let latest: ResyncBatch<E> | undefined;
  const moments = new Observable<WatchMoment<E>>((subscriber) => {
    let batch: ResyncBatch<E> | undefined;
    let live = false;
    // At once, so that `live` has a value from the first subscription on.
    subscriber.next({ batch, live, fresh: false });
    const subscription = connect((status) => {
      const next = liveAfter(status, live);
      if (next === live) return;
      live = next;
      subscriber.next({ batch, live, fresh: false });
    }).subscribe({
      next(next) {
        batch = next;
        latest = next;
        subscriber.next({ batch, live, fresh: true });
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    return () => {
      subscription.unsubscribe();
      latest = undefined;
    };
  }).pipe(
    share({
      connector: () => new ReplaySubject<WatchMoment<E>>(1),
      resetOnError: true,
      resetOnComplete: true,
      resetOnRefCountZero: true,
    }),
  );
  const cache: Observable<ResourceView<WatchedEvent<E>>> = moments.pipe(
    filter((moment): moment is WatchMoment<E> & { batch: ResyncBatch<E> } => moment.batch !== undefined),
    map((moment) => moment.batch.view),
    distinctUntilChanged(),
  );
  const events = new Observable<WatchedEvent<E>>((subscriber) => {
    // A moment delivered while subscribing is the replay of the latest one: the subscriber has
    // seen none of its history, so it gets the cache as it stands, as creations.
    let subscribing = true;
    const subscription = moments.subscribe({
      next({ batch, fresh }) {
        if (subscribing) {
          subscribing = false;
          if (batch !== undefined) for (const cached of batch.view.values()) subscriber.next(replayed(cached));
          return;
        }
        if (fresh && batch !== undefined) for (const change of batch.changes) subscriber.next(change);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    subscribing = false;
    return subscription;
  });
  const live = moments.pipe(
    map((moment) => moment.live),
    distinctUntilChanged(),
  );
  return {
    cache,
    events,
    live,
    details: (uri: string) => {
      if (latest === undefined) return undefined;
      try {
        return latest.details.get(normalizeResourceUri(uri));
      } catch {
        return undefined;
      }
    },
    settled: (quietTime: number, options: Omit<SettledOptions<WatchedEvent<E>>, 'live'> = {}) =>
      events.pipe(settled<WatchedEvent<E>>(quietTime, { ...options, live })),
  };
}
