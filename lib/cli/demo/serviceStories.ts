import { endWith, filter, ignoreElements, map, merge, mergeMap, reduce, share, takeUntil, type Observable } from 'rxjs';
import type { CloudEvent } from '../../model/CloudEvent.js';
import { isEndOfLife } from '../../model/isEndOfLife.js';
import type { ResourceEvent } from '../../model/ResourceEvent.js';
import { groupByResource } from '../../operators/groupByResource.js';
import { ofType } from '../../operators/ofType.js';
import { stateTransitions } from '../../operators/stateTransitions.js';
import { underParent } from '../../operators/underParent.js';
import type { DemoTransition } from './formatDemoTransition.js';

/**
 * What the demo tells about services: a transition of a service or of a container under it,
 * or the states a service went through, once it ended.
 */
export type ServiceStory =
  | { readonly kind: 'transition'; readonly line: DemoTransition }
  | { readonly kind: 'ended'; readonly service: string; readonly states: readonly string[] };

/** How {@link serviceStories} tells resync events apart. */
export interface ServiceStoriesOptions {
  /** Whether an event came from a REST listing rather than the stream. Default: never. */
  readonly isResync?: (event: ResourceEvent) => boolean;
  /** The `datetime` to show for a resync event, which has none. Default: none. */
  readonly datetime?: () => string | undefined;
}

/**
 * The demo's pipeline: `groupByResource` gives each service a group that ends with it; in
 * each group, the `stateTransitions` of the service and of the containers `underParent` it
 * become {@link ServiceStory} transitions, and the end of the service the story of its life.
 *
 * Left out, as telling nothing: the transitions of a first REST listing (the baseline, not
 * news), a resource first seen at its end of life (the `delete` after its `Terminated`), and
 * the life of a group opened by such an event.
 *
 * `events$` is subscribed once for the services and once per live service for its
 * containers: give a shared (hot) stream.
 *
 * @example
 * ```ts
 * serviceStories(events$.pipe(share())).subscribe((story) => print(story));
 * ```
 */
export function serviceStories(events$: Observable<CloudEvent>, options: ServiceStoriesOptions = {}): Observable<ServiceStory> {
  const isResync = options.isResync ?? (() => false);
  const containers$ = events$.pipe(ofType('container'));
  return events$.pipe(
    ofType('service'),
    groupByResource(),
    mergeMap((service) => {
      const own$ = service.pipe(stateTransitions(), share());
      const ended$ = service.pipe(ignoreElements(), endWith(true));
      const children$ = containers$.pipe(underParent(service.key), stateTransitions(), takeUntil(ended$));
      const transitions$ = merge(own$, children$).pipe(
        filter((transition) => transition.from !== undefined || !(isResync(transition.event) || isEndOfLife(transition.event))),
        map((transition): ServiceStory => {
          const resync = isResync(transition.event);
          const datetime = resync ? options.datetime?.() : undefined;
          return { kind: 'transition', line: { service: service.key, transition, resync, ...(datetime === undefined ? {} : { datetime }) } };
        }),
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
      return merge(transitions$, life$);
    }),
  );
}
