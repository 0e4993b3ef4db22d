import type { MonoTypeOperatorFunction, Observable } from 'rxjs';
import type { CloudEvent } from '../model/CloudEvent.js';
import type { ResourceDetails } from './ResourceDetails.js';

/**
 * A cache of resources' REST details that follows their lives, from {@link createDetailsCache}.
 *
 * Events are never held back for details: `follow()` passes every event on at once, unchanged,
 * and starts what it calls for (a fetch for a resource first seen, a refresh, a forgetting).
 * The details follow, keyed by URI: read them when you render (`get(uri)`), or subscribe to
 * `details(uri)` to be told when they come or change. Events stay plain events, so every
 * operator (`ofType`, `underParent`, `groupByResource`, `stateTransitions`…) composes before or
 * after `follow()` as it did.
 *
 * @example
 * ```ts
 * const names = createDetailsCache({ restUrl: 'https://cloud.docker.com', auth: { user, apiKey } });
 * streamEvents(options)
 *   .pipe(names.follow(), ofType('container'))
 *   .subscribe((event) => console.log(names.get(event.resource_uri)?.name ?? event.resource_uri, event.state));
 * ```
 * @see {@link createDetailsCache}, {@link ResourceDetails}
 */
export interface DetailsCache {
  /**
   * An operator that lets every event through at once, unchanged, and keeps the cache in step
   * with the resources the events speak of: a resource (and by default its parents) first seen
   * is fetched, once; an event that calls for it (`refresh`) fetches it again; an end-of-life
   * event forgets it. Every `follow()` feeds the one cache. It errors with an `AuthError` when
   * the REST API refuses the credentials (nothing will be fetched any more); other REST failures
   * are retried with the backoff, then given up on for that resource (see `details`), never
   * ending the events.
   */
  follow<T extends CloudEvent>(): MonoTypeOperatorFunction<T>;
  /**
   * The details of the resource at `uri` (any form of its URI): at once if known, then again
   * each time they are refreshed. Fetched on subscription if not known (one request, however
   * many ask). It completes when the resource is forgotten (its end of life, or evicted), and
   * errors with the `RestError` or `AuthError` that made the cache give the resource up.
   */
  details(uri: string): Observable<ResourceDetails>;
  /** The details of the resource at `uri` as known now, or `undefined`. Never fetches. */
  get(uri: string): ResourceDetails | undefined;
  /**
   * Every details the cache receives (first fetches and refreshes), as they come: a signal to
   * render again. It replays nothing; it never ends.
   */
  readonly updates: Observable<ResourceDetails>;
  /** How many resources the cache holds now (known, or being fetched). */
  readonly size: number;
}
