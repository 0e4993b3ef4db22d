// The pipelines the benchmarks push events through: what a consumer of the stream writes.

import {
  connectable,
  count,
  filter,
  groupBy,
  map,
  merge,
  mergeMap,
  Observable,
  Subject,
  tap,
  type OperatorFunction,
  type Subscriber,
} from 'rxjs';
import { isResourceEvent } from '../lib/model/CloudEvent.js';
import { isEndOfLife } from '../lib/model/isEndOfLife.js';
import type { ResourceEvent } from '../lib/model/ResourceEvent.js';
import type { CloudEvent } from '../lib/model/CloudEvent.js';
import { decodeEvent } from '../lib/model/decodeEvent.js';
import type { DecodeError } from '../lib/model/DecodeError.js';
import { groupByResource } from '../lib/operators/groupByResource.js';
import { ofType } from '../lib/operators/ofType.js';
import { stateTransitions } from '../lib/operators/stateTransitions.js';
import { underParent } from '../lib/operators/underParent.js';
import { RecentlyEnded } from '../lib/tracking/RecentlyEnded.js';

/** Where frames that did not decode are counted. */
export interface Rejections {
  count: number;
  last: DecodeError | undefined;
}

/**
 * The frames of `frames(i)` for `i < length`, decoded with `decodeEvent` as `streamEvents`
 * decodes each frame off the socket: rejected frames are counted, not emitted.
 */
export function decodedFrames(length: number, frames: (i: number) => string, rejections: Rejections): Observable<CloudEvent> {
  return new Observable<CloudEvent>((subscriber) => {
    for (let i = 0; i < length && !subscriber.closed; i++) {
      const result = decodeEvent(frames(i));
      if (result._tag === 'Right') subscriber.next(result.right);
      else {
        rejections.count++;
        rejections.last = result.left;
      }
    }
    subscriber.complete();
  });
}

/**
 * The branches over one subscription of `events$`, merged: what `share()` does for a stream
 * that emits once every branch is subscribed, as a socket's does. The sources of the
 * benchmarks emit synchronously on subscription, which `share()` would hand to the first
 * branch alone, so the branches are subscribed first and the source connected after.
 */
export function fanOut<T>(events$: Observable<T>, ...branches: ((shared$: Observable<T>) => Observable<unknown>)[]): Observable<unknown> {
  return new Observable<unknown>((subscriber) => {
    const hub = connectable(events$, { connector: () => new Subject<T>(), resetOnDisconnect: true });
    const subscription = merge(...branches.map((branch) => branch(hub))).subscribe(subscriber);
    subscription.add(hub.connect());
    return subscription;
  });
}

/** How many groups a group row opened, counted as the consumer's `mergeMap` takes each. */
export interface GroupTally {
  opened: number;
}

/**
 * The frames of `frames(i)` for `i < length`, parsed with a bare `JSON.parse` and not
 * validated: the source of what a user would write without the library.
 */
export function parsedFrames(length: number, frames: (i: number) => string): Observable<unknown> {
  return new Observable<unknown>((subscriber) => {
    for (let i = 0; i < length && !subscriber.closed; i++) subscriber.next(JSON.parse(frames(i)));
    subscriber.complete();
  });
}

/**
 * Target 2, ours: `groupByResource()` → `mergeMap(group ⇒ group.pipe(count()))`, one chain,
 * over decoded events.
 */
export function groupsPipeline(tally: GroupTally): OperatorFunction<CloudEvent, number> {
  return (events$) =>
    events$.pipe(
      groupByResource(),
      mergeMap((group) => {
        tally.opened++;
        return group.pipe(count());
      }),
    );
}

/**
 * The floor of target 2, for profiling (bench/profileDecode.ts): the least any group operator
 * does in its shape, then the consumer's `mergeMap(group ⇒ group.pipe(count()))`. A group per
 * key (`keyOf`: the URI as the event carries it, or `resourceKey` asked once a group), one
 * subscriber a group, completed at the resource's end of life; the end of life trailing one
 * that ended a group opens none (as `groupByResource`, with the same `RecentlyEnded`), so the
 * groups are as many. No idle, no unsubscription or error bookkeeping: a measure, not an
 * operator to use. Run one `keyOf` a process: V8 would otherwise compile `next` for both.
 */
export function leastGroupsPipeline(tally: GroupTally, keyOf: (uri: string) => string): OperatorFunction<CloudEvent, number> {
  return (events$) =>
    new Observable<LeastGroup>((outer) => {
      const groups = new Map<string, LeastGroup>();
      const ended = new RecentlyEnded();
      return events$.subscribe({
        next(event) {
          if (!isResourceEvent(event)) return;
          const last = isEndOfLife(event);
          let group = groups.get(event.resource_uri);
          if (group === undefined) {
            const key = keyOf(event.resource_uri);
            if (last && ended.has(key)) return;
            group = new LeastGroup(key);
            groups.set(event.resource_uri, group);
            outer.next(group);
          }
          group.subscriber?.next(event);
          if (last) {
            ended.add(group.key, undefined);
            groups.delete(event.resource_uri);
            group.subscriber?.complete();
          }
        },
        complete() {
          for (const group of groups.values()) group.subscriber?.complete();
          outer.complete();
        },
      });
    }).pipe(
      mergeMap((group) => {
        tally.opened++;
        return group.pipe(count());
      }),
    );
}

/** A group of {@link leastGroupsPipeline}: its key and its one subscriber. */
class LeastGroup extends Observable<ResourceEvent> {
  subscriber: Subscriber<ResourceEvent> | undefined = undefined;

  constructor(readonly key: string) {
    super((subscriber) => {
      this.subscriber = subscriber;
    });
  }
}

/** Whether a parsed value says it is a resource event; nothing else of it is checked. */
function looksLikeResourceEvent(value: unknown): value is ResourceEvent {
  return typeof value === 'object' && value !== null && isResourceEvent(value as CloudEvent);
}

/**
 * Target 2, theirs: the same shape in RxJS's own operators over bare `JSON.parse` output,
 * validating nothing: `filter` (resource events) → `groupBy` per resource URI with a
 * `duration` that ends each group at the resource's end → `mergeMap(count)`.
 */
export function rxjsGroupsPipeline(tally: GroupTally): OperatorFunction<unknown, number> {
  return (values$) =>
    values$.pipe(
      filter(looksLikeResourceEvent),
      groupBy((event) => event.resource_uri, { duration: (group) => group.pipe(filter(endsGroup)) }),
      mergeMap((group) => {
        tally.opened++;
        return group.pipe(count());
      }),
    );
}

/** Where an RxJS `groupBy` group of the reference row ends. */
function endsGroup(event: ResourceEvent): boolean {
  return event.action === 'delete' || (event.type === 'action' && isEndOfLife(event));
}

/** The first branch of 'plumbing': RxJS's own operators, with no work in them. */
function plumbingChain(shared$: Observable<CloudEvent>): Observable<CloudEvent> {
  return shared$.pipe(
    filter((event) => event.type === 'container'),
    filter(() => true),
    map((event) => event),
  );
}

/** The first branch of 'full': every container under the cluster, to its transitions. */
function transitionChain(clusterUri: string): (shared$: Observable<CloudEvent>) => Observable<unknown> {
  return (shared$) => shared$.pipe(ofType('container'), underParent(clusterUri), stateTransitions());
}

/** The one observer every group gets in 'full, groups subscribed'. */
const ignoreEvents = { next: (): void => undefined };

/** How far down the consumer pipeline a measurement goes. */
export type PipelineStage =
  | 'decode'
  | 'ofType'
  | 'underParent'
  | 'stateTransitions'
  | 'chain plumbing'
  | 'full'
  | 'plumbing'
  | 'plumbing+groups'
  | 'full, groups subscribed';

/**
 * The consumer pipeline of the benchmarks, down to `stage`:
 *
 * ```
 * events$ ─ share ─┬─ ofType('container') ─ underParent(cluster) ─ stateTransitions()
 *                  └─ groupByResource() ─ mergeMap(group ⇒ group.pipe(count()))
 * ```
 *
 * Every container is under the cluster, so every container event goes all the way down.
 */
export function consumerPipeline(stage: PipelineStage, clusterUri: string): OperatorFunction<CloudEvent, unknown> {
  switch (stage) {
    case 'decode':
      return (events$) => events$;
    case 'ofType':
      return (events$) => events$.pipe(ofType('container'));
    case 'underParent':
      return (events$) => events$.pipe(ofType('container'), underParent(clusterUri));
    case 'stateTransitions':
      return (events$) => events$.pipe(ofType('container'), underParent(clusterUri), stateTransitions());
    case 'chain plumbing':
      // The linear chain's shape in RxJS's own operators, with no work in them: its floor.
      return plumbingChain;
    case 'plumbing':
      // The shape of 'full' in RxJS's own operators, with no work in them: what RxJS costs.
      return (events$) => fanOut(events$, plumbingChain, (shared$) => shared$.pipe(filter(() => false)));
    case 'plumbing+groups':
      // The same, with the group branch in RxJS's own groupBy: a group per resource URI, each
      // counted through the consumer's mergeMap. A group ends on the resource's `delete` (or an
      // action's final state), so that a container's `Terminated` and trailing `delete` share
      // one group and the groups are as many as groupByResource's. No URI is normalised and no
      // transition tracked: what RxJS alone costs for the shape of 'full'.
      return (events$) =>
        fanOut(events$, plumbingChain, (shared$) =>
          shared$.pipe(
            filter(isResourceEvent),
            groupBy((event) => event.resource_uri, { duration: (group) => group.pipe(filter(endsGroup)) }),
            mergeMap((group) => group.pipe(count())),
          ),
        );
    case 'full':
      return (events$) =>
        fanOut(events$, transitionChain(clusterUri), (shared$) =>
          shared$.pipe(
            groupByResource(),
            mergeMap((group) => group.pipe(count())),
          ),
        );
    case 'full, groups subscribed':
      // 'full' with each group subscribed by one plain observer as it comes, without
      // mergeMap: what the consumer's per-group RxJS chain costs in 'full'.
      return (events$) =>
        fanOut(events$, transitionChain(clusterUri), (shared$) =>
          shared$.pipe(
            groupByResource(),
            tap((group) => group.subscribe(ignoreEvents)),
          ),
        );
  }
}
