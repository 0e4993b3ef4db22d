import type { Observable } from 'rxjs';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceView } from '../operators/resourceView.js';
import type { SettledOptions } from '../operators/settled.js';
import type { WatchedEvent } from './WatchedEvent.js';
import type { ResourceDetails } from '../details/ResourceDetails.js';

/**
 * A live cache of resources, kept right across reconnects, from {@link watchResources}: the
 * cache as immutable snapshots, and the changes as events.
 *
 * The Observables share one connection (one socket, one listing per connect), opened by the
 * first subscriber to any of them and closed when the last one unsubscribes; a later
 * subscription opens a new one, with an empty cache. A failure (`AuthError`, a fatal
 * `RestError`, the stream's fatal errors) errors them all.
 *
 * A watch knows its gaps: `live` says whether the cache can be trusted right now, and
 * `settled` is the `settled` operator over `events`, held while it cannot. Silence while the
 * socket is down or a resync is in flight is not quiet, so anything that acts after a quiet
 * time should take `live` into account: `watch.settled(…)`, `settled(…, { live: watch.live })`,
 * or `debounce(() => liveFor(ms, watch.live))` in place of `debounceTime(ms)`.
 *
 * @example
 * ```ts
 * const watch = watchResources({ kinds: ['service'] });
 * watch.cache.subscribe((services) => console.log(services.size, 'services'));
 * watch.events.pipe(stateTransitions()).subscribe((t) => console.log(t.resource_uri, t.from, '→', t.to));
 * // Never on a stale view: not while the socket is down, nor while a resync lists.
 * watch.settled(5000).subscribe((services) => writeNginxConfig([...services.values()]));
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
  /**
   * Whether the watch is live: `true` once a listing is reconciled with the stream (the
   * `synced` status), `false` before the first one and from the moment the stream starts a
   * connection, opens one (its listing follows), loses it or ends, until the next `synced`.
   * While it is `false`, events sent by the platform may be missing from the cache. It
   * turns `true` in the instant the reconciled batch is delivered (just before it), so a
   * decision scheduled from then on sees the reconciled cache. It starts with the current
   * value, repeats none, and shares the connection of `cache` and `events`.
   */
  readonly live: Observable<boolean>;
  /**
   * What the latest listing said of a cached resource (its REST object's scalar fields: `name`,
   * `image_name`…, see `ResourceDetails`), by its URI in any form; `undefined` for a resource no
   * listing of the current connection showed, once it ended, or while nothing subscribes. The
   * listing is what the watch made anyway: reading it costs no request. For resources created
   * since, or details that change, give the watch to `createDetailsCache`.
   *
   * @example
   * ```ts
   * watch.events.subscribe((event) => console.log(watch.details(event.resource_uri)?.name ?? event.resource_uri, event.state));
   * ```
   */
  details(uri: string): ResourceDetails | undefined;
  /**
   * The `settled` operator over {@link events}, held while the watch is not {@link live}: it
   * emits the view of every resource once all are settled and `quietTime` ms passed without
   * an event while live, never while the socket is down or a resync is in flight; after a
   * resync it decides again from the reconciled view. The safe default for reacting to a
   * quiet, settled platform. For a subset of the kinds, pipe them yourself with the same
   * signal: `watch.events.pipe(ofType('service'), settled(ms, { live: watch.live }))`.
   *
   * @param quietTime - Milliseconds without events, while live, before emitting.
   * @param options - As for `settled`, but `live`, which is the watch's.
   * @throws RangeError at once when `quietTime` is negative or NaN.
   */
  settled(quietTime: number, options?: Omit<SettledOptions<WatchedEvent<E>>, 'live'>): Observable<ResourceView<WatchedEvent<E>>>;
}
