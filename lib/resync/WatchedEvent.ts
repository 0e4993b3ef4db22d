import type { ResourceEvent } from '../model/ResourceEvent.js';

/**
 * What a resync adds to the events it makes up. Events received from the stream have neither
 * field; events a watch made from a REST listing have `synthetic: true`.
 *
 * @example
 * ```ts
 * const marker: ResyncMarker = { synthetic: true, finalStateUnknown: true, listedAt: '2016-02-01T16:47:28.000Z' };
 * ```
 * @see {@link WatchedEvent}
 */
export interface ResyncMarker {
  /**
   * The event was made by the watch from a REST listing, not received from the stream: a
   * resource that appeared (`create`), changed (`update`) or vanished (`delete`) while the
   * stream was disconnected, or, for a late subscriber, a resource already in the cache
   * (`create`). A synthetic event has no `uuid` and no `datetime`: the listing has neither.
   */
  readonly synthetic?: true;
  /**
   * On a synthetic `delete`: the resource vanished from the listing while the stream was
   * disconnected, so how it ended is unknown. Its `state` is the last one the cache knew, as
   * in Kubernetes' `DeletedFinalStateUnknown`.
   */
  readonly finalStateUnknown?: true;
  /**
   * On a synthetic event: when the REST page it came from was answered (ISO 8601), by the
   * page's `Date` header: the server's clock, the one live events' `datetime` is on, to the
   * second. A resource missing from a listing (a synthetic `delete`) has the date of the
   * listing's first page. Only when the server sends no `Date` does the watch's own clock stand
   * in (when it asked for the page), and then the two clocks must agree (NTP). The state it
   * shows is at least that new, and live events the watch receives after it are at least as
   * new. A consumer that merges several watches' events (the NATS relay,
   * `dockercloud-rx/jetstream`) orders a synthetic event against live ones with it.
   */
  readonly listedAt?: string;
}

/**
 * An event of a {@link ResourceWatch}: a resource event received from the stream, or one the
 * watch made up from a REST listing, marked `synthetic`. It is a `ResourceEvent`, so every
 * operator (`ofType`, `underParent`, `stateTransitions`, `settled`…) takes it; the union stays
 * narrowed by `type`.
 *
 * @example
 * ```ts
 * watch.events.pipe(ofType('container')).subscribe((event) => {
 *   if (event.synthetic) console.log('resynced', event.action, event.resource_uri, event.state);
 *   else console.log('live', event.state, event.datetime);
 * });
 * ```
 * @see {@link isSynthetic}, {@link watchResources}
 */
export type WatchedEvent<E extends ResourceEvent = ResourceEvent> = E extends ResourceEvent ? E & ResyncMarker : never;

/**
 * Whether a watch made `event` up from a REST listing rather than receiving it from the stream.
 *
 * @example
 * ```ts
 * watch.events.pipe(filter((event) => !isSynthetic(event))); // live events only
 * ```
 * @see {@link WatchedEvent}
 */
export function isSynthetic<E extends ResourceEvent & ResyncMarker>(event: E): event is E & { readonly synthetic: true } {
  return event.synthetic === true;
}
