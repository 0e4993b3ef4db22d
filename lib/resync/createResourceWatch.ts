import { distinctUntilChanged, map, Observable, ReplaySubject, share } from 'rxjs';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceView } from '../operators/resourceView.js';
import type { ResyncBatch } from './resyncEngine.js';
import type { ResourceWatch } from './ResourceWatch.js';
import type { WatchedEvent } from './WatchedEvent.js';

/** A cached resource as a late subscriber gets it: a synthetic `create`. */
function replayed<E extends ResourceEvent>(cached: WatchedEvent<E>): WatchedEvent<E> {
  const event: {
    type: E['type'];
    action: 'create';
    parents: readonly string[];
    resource_uri: string;
    state?: string;
    synthetic: true;
  } = { type: cached.type, action: 'create', parents: [...cached.parents], resource_uri: cached.resource_uri, synthetic: true };
  if (cached.state !== undefined) event.state = cached.state;
  return event as unknown as WatchedEvent<E>;
}

/**
 * Makes the {@link ResourceWatch} of an engine: one engine subscription shared by every
 * subscriber of `cache` and `events` (reference-counted, started over once none is left), the
 * latest batch replayed to late subscribers: as the snapshot itself on `cache`, as one
 * synthetic `create` per cached resource on `events`. Internal.
 *
 * @internal
 */
export function createResourceWatch<E extends ResourceEvent>(engine: Observable<ResyncBatch<E>>): ResourceWatch<E> {
  const batches = engine.pipe(
    share({
      connector: () => new ReplaySubject<ResyncBatch<E>>(1),
      resetOnError: true,
      resetOnComplete: true,
      resetOnRefCountZero: true,
    }),
  );
  const cache: Observable<ResourceView<WatchedEvent<E>>> = batches.pipe(
    map((batch) => batch.view),
    distinctUntilChanged(),
  );
  const events = new Observable<WatchedEvent<E>>((subscriber) => {
    // A batch delivered while subscribing is the replay of the latest one: the subscriber has
    // seen none of its history, so it gets the cache as it stands, as creations.
    let subscribing = true;
    const subscription = batches.subscribe({
      next(batch) {
        if (subscribing) {
          subscribing = false;
          for (const cached of batch.view.values()) subscriber.next(replayed(cached));
          return;
        }
        for (const change of batch.changes) subscriber.next(change);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    subscribing = false;
    return subscription;
  });
  return { cache, events };
}
