import { endWith, filter, ignoreElements, map, merge, mergeMap, reduce, share, takeUntil, type Observable } from 'rxjs';
import { isEndOfLife } from '../../model/isEndOfLife.js';
import { groupByResource } from '../../operators/groupByResource.js';
import { ofType } from '../../operators/ofType.js';
import { stateTransitions } from '../../operators/stateTransitions.js';
import { underParent } from '../../operators/underParent.js';
import { isSynthetic, type WatchedEvent } from '../../resync/WatchedEvent.js';
import type { DemoTransition } from './formatDemoTransition.js';

/**
 * What the demo tells about services: a transition of a service or of a container under it;
 * a service or container that a resync found gone, its final state unknown; or the states a
 * service went through, once it ended.
 */
export type ServiceStory =
  | { readonly kind: 'transition'; readonly line: DemoTransition }
  | { readonly kind: 'vanished'; readonly service: string; readonly event: WatchedEvent; readonly datetime?: string }
  | { readonly kind: 'ended'; readonly service: string; readonly states: readonly string[] };

/** What {@link serviceStories} shows of the events a resync made up. */
export interface ServiceStoriesOptions {
  /** The `datetime` to show for a synthetic event, which has none. Default: none. */
  readonly datetime?: () => string | undefined;
}

/**
 * The demo's pipeline over the events of a `watchResources` watch: `groupByResource` gives
 * each service a group that ends with it; in each group, the `stateTransitions` of the
 * service and of the containers `underParent` it become {@link ServiceStory} transitions,
 * tagged as the resync's when the watch made the event up (`isSynthetic`), a synthetic
 * deletion (`finalStateUnknown`) becomes a `vanished` story, and the end of the service the
 * story of its life.
 *
 * Left out, as telling nothing: the synthetic creations of the first listing or of a late
 * subscription (the baseline, not news), a resource first seen at its end of life (the
 * `delete` after its `Terminated`), and the life of a group opened by such an event.
 *
 * `events$` is subscribed once for the services and once per live service for its
 * containers: give a shared (hot) stream.
 *
 * @example
 * ```ts
 * serviceStories(watch.events.pipe(share())).subscribe((story) => print(story));
 * ```
 */
export function serviceStories(events$: Observable<WatchedEvent>, options: ServiceStoriesOptions = {}): Observable<ServiceStory> {
  const containers$ = events$.pipe(ofType('container'));
  const datetimeOf = (event: WatchedEvent): { datetime?: string } => {
    const datetime = isSynthetic(event) ? options.datetime?.() : undefined;
    return datetime === undefined ? {} : { datetime };
  };
  return events$.pipe(
    ofType('service'),
    groupByResource(),
    mergeMap((service) => {
      const own$ = service.pipe(stateTransitions(), share());
      const ended$ = service.pipe(ignoreElements(), endWith(true));
      const children$ = containers$.pipe(underParent(service.key), takeUntil(ended$), share());
      const transitions$ = merge(own$, children$.pipe(stateTransitions())).pipe(
        filter((transition) => transition.from !== undefined || !(isSynthetic(transition.event) || isEndOfLife(transition.event))),
        map((transition): ServiceStory => {
          const resync = isSynthetic(transition.event);
          return { kind: 'transition', line: { service: service.key, transition, resync, ...datetimeOf(transition.event) } };
        }),
      );
      // Gone while the stream was down: no transition tells it, its final state is unknown.
      const vanished$ = merge(service, children$).pipe(
        filter((event) => event.finalStateUnknown === true),
        map((event): ServiceStory => ({ kind: 'vanished', service: service.key, event, ...datetimeOf(event) })),
      );
      // Told when the group ends with its service, not when the stream itself ends.
      const life$ = own$.pipe(
        reduce(
          (life: { states: string[]; ended: boolean }, t) => ({
            states: life.states.length === 0 && t.from !== undefined ? [t.from, t.to] : [...life.states, t.to],
            ended: isEndOfLife(t.event),
          }),
          { states: [], ended: false },
        ),
        filter((life) => life.ended && life.states.length > 1),
        map((life): ServiceStory => ({ kind: 'ended', service: service.key, states: life.states })),
      );
      return merge(transitions$, vanished$, life$);
    }),
  );
}
