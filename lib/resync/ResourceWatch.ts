import type { Observable } from 'rxjs';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceView } from '../operators/resourceView.js';
import type { WatchedEvent } from './WatchedEvent.js';

/**
 * A live cache of resources, kept right across reconnects, from {@link watchResources}: the
 * cache as immutable snapshots, and the changes as events.
 *
 * Both Observables share one connection (one socket, one listing per connect), opened by the
 * first subscriber to either and closed when the last one unsubscribes; a later subscription
 * opens a new one, with an empty cache. A failure (`AuthError`, a fatal `RestError`, the
 * stream's fatal errors) errors both.
 *
 * @example
 * ```ts
 * const watch = watchResources({ kinds: ['service'] });
 * watch.cache.subscribe((services) => console.log(services.size, 'services'));
 * watch.events.pipe(stateTransitions()).subscribe((t) => console.log(t.resource_uri, t.from, '→', t.to));
 * ```
 * @see {@link watchResources}, {@link WatchedEvent}
 */
export interface ResourceWatch<E extends ResourceEvent = ResourceEvent> {
  /**
   * Immutable snapshots of the cache: the latest event of every live resource, keyed by its
   * normalized URI, as `resourceView` makes them. The first comes once the first listing is
   * reconciled (empty if nothing is there); then one after each reconcile or live event that
   * changes the cache. A late subscriber gets the current snapshot at once.
   */
  readonly cache: Observable<ResourceView<WatchedEvent<E>>>;
  /**
   * Every change applied to the cache, in order: synthetic events from listings (creations,
   * updates, and deletions with `finalStateUnknown`) and events from the stream, end-of-life
   * events included even for a resource the cache did not hold (as the stream shows them);
   * stale, duplicate and already-listed events are left out. A subscriber
   * that arrives once the cache is synced first gets one synthetic `create` per cached
   * resource, so that `resourceView`, `settled` or `stateTransitions` start from the whole
   * picture, as a Kubernetes informer's handler gets an Add for each object in its store.
   */
  readonly events: Observable<WatchedEvent<E>>;
}
