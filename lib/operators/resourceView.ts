import { Observable, type OperatorFunction } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { resourceKey, shareParentUris } from '../uri/resourceKey.js';
import { PersistentMap } from '../tracking/PersistentMap.js';

/**
 * An immutable snapshot of the live resources: the latest event of each, keyed by its
 * normalized resource URI (see `normalizeResourceUri`).
 *
 * @remarks
 * A view never changes once emitted, so it is safe to keep, compare (`pairwise`,
 * `distinctUntilChanged`) or hand to a UI as state. Successive views share their structure:
 * each costs O(log n) to make, not a copy of the whole map.
 *
 * Iteration order is deterministic but is not insertion order: it follows a hash of the keys
 * and depends only on which keys the view holds, so two views with the same resources list
 * them in the same order. Sort the entries when order matters.
 *
 * @example
 * ```ts
 * events$.pipe(resourceView()).subscribe((view) => {
 *   const web = view.get(normalizeResourceUri('/api/app/v1/acme/service/5bcf/'));
 *   console.log(view.size, web?.state);
 * });
 * ```
 * @see {@link resourceView}, {@link settled}
 */
export interface ResourceView<E extends ResourceEvent = ResourceEvent> extends ReadonlyMap<string, E> {}

/**
 * Keeps a materialized view of the latest event per live resource, and emits an immutable
 * {@link ResourceView} after each resource event that changes it.
 *
 * An event stores itself under its resource's normalized URI, replacing the previous one; an
 * end-of-life event (see `isEndOfLife`) removes the entry, so the view, and the memory it
 * takes, hold live resources only. An event that changes nothing emits nothing: the end of
 * life of a resource the view does not hold, or the very event object already stored.
 * Any other event emits, even if equal in content to the stored one. Control messages and
 * unknown events are dropped. Nothing is emitted before the first change: prepend an empty
 * map with `startWith` if a consumer needs one.
 *
 * Each update costs O(log32 n) time and memory (the view is a hash array mapped trie with
 * structural sharing), so the operator suits streams over 100 000 live resources.
 *
 * @example
 * ```ts
 * events$.pipe(
 *   ofType('service'),
 *   resourceView(),
 *   map((view) => [...view.values()].filter((s) => s.state === 'Running').length),
 *   distinctUntilChanged(),
 * ).subscribe((running) => console.log(`${running} services running`));
 * ```
 * @see {@link settled}, {@link stateTransitions}, {@link groupByResource}
 */
export function resourceView<E extends CloudEvent>(): OperatorFunction<E, ResourceView<Extract<E, ResourceEvent>>> {
  type R = Extract<E, ResourceEvent>;
  return (source) =>
    new Observable<ResourceView<R>>((subscriber) => {
      let view = PersistentMap.empty<R>();
      return source.subscribe({
        next(event) {
          if (!isResourceEvent(event)) return;
          const key = resourceKey(event.resource_uri);
          const ends = isEndOfLife(event);
          // The view keeps the event: its parents' URIs become the strings all kept events share.
          if (!ends) shareParentUris(event.parents);
          const next = ends ? view.delete(key) : view.set(key, event as R);
          if (next === view) return;
          view = next;
          subscriber.next(view);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
