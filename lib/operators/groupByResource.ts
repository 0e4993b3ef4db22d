import { asyncScheduler, Observable, type OperatorFunction, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { resourceKey } from '../uri/resourceKey.js';
import { RecentlyEnded } from '../tracking/RecentlyEnded.js';
import { ResourceGroupSubject, type GroupCount } from '../tracking/ResourceGroupSubject.js';

/**
 * The events of one resource, as {@link groupByResource} emits them: an Observable with the
 * resource's normalized URI as its `key` (as RxJS's `GroupedObservable` is an Observable with
 * its `key`).
 *
 * @remarks
 * Like the groups of RxJS's `groupBy`, a group is hot: it delivers the events that arrive
 * while it is subscribed, and those before are lost.
 *
 * @example
 * ```ts
 * events$.pipe(groupByResource()).subscribe((group) => {
 *   group.subscribe({ next: (e) => console.log(group.key, e.state), complete: () => console.log(group.key, 'gone') });
 * });
 * ```
 * @see {@link groupByResource}
 */
export interface ResourceGroup<E> extends Observable<E> {
  /** The resource's normalized URI (see `normalizeResourceUri`). */
  readonly key: string;
}

/**
 * Options of {@link groupByResource}.
 *
 * @example
 * ```ts
 * const options: GroupByResourceOptions = { idle: 60_000 };
 * ```
 * @see {@link groupByResource}
 */
export interface GroupByResourceOptions {
  /**
   * Milliseconds after which a group that received no event completes; a later event of the
   * resource opens a new group. Default: none (`Infinity`), a group lasts until its resource's
   * end of life or the end of the source.
   */
  readonly idle?: number;
  /** The scheduler that measures `idle`. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Splits the stream into one {@link ResourceGroup} per resource, keyed by its normalized URI,
 * that completes at the resource's end of life.
 *
 * A group emits its resource's events, whatever URI form they use, and completes right after
 * the end-of-life event (see `isEndOfLife`); a later event of the same resource opens a new
 * group, except an end-of-life event trailing the one that ended its group (the `delete`
 * after a `Terminated` update), which belongs to the life that ended and opens none (the last
 * 1,024 resources whose life ended are remembered for this). With `idle`, a group that has
 * received no event for that long also completes. So,
 * unlike a bare `groupBy`, the operator's memory is bounded by the live resources. Control
 * messages and unknown events are dropped.
 *
 * Groups are hot, as with `groupBy`: subscribe to each group as it is emitted (`mergeMap`
 * does), or its first events are lost. When the source errors, every open group errors, then
 * the output; when it completes, every open group completes, then the output. Unsubscription
 * works as with `groupBy`: the source stays subscribed while the output or any group has a
 * subscriber, and is unsubscribed once none has. Once the output is unsubscribed, events of
 * resources without an open group are dropped, since no one could receive their group.
 *
 * @throws RangeError when `idle` is negative or NaN.
 *
 * @example
 * ```ts
 * events$.pipe(
 *   ofType('container'),
 *   groupByResource({ idle: 10 * 60_000 }),
 *   mergeMap((group) => group.pipe(debounceTime(1000), map((event) => [group.key, event.state] as const))),
 * ).subscribe(([uri, state]) => console.log(uri, state));
 * ```
 * @see {@link stateTransitions}, {@link resourceView}, {@link settled}
 */
export function groupByResource<E extends CloudEvent>(
  options: GroupByResourceOptions = {},
): OperatorFunction<E, ResourceGroup<Extract<E, ResourceEvent>>> {
  type R = Extract<E, ResourceEvent>;
  const { idle = Infinity, scheduler = asyncScheduler } = options;
  if (typeof idle !== 'number' || Number.isNaN(idle) || idle < 0) {
    throw new RangeError(`groupByResource: idle must be a number of milliseconds >= 0, got ${String(idle)}`);
  }
  const timed = Number.isFinite(idle);

  return (source) =>
    new Observable<ResourceGroupSubject<R>>((outer) => {
      const groups = new Map<string, ResourceGroupSubject<R>>();
      // The last resources whose group ended at their end of life.
      const ended = new RecentlyEnded();
      let released = false;
      let sourceSubscription: Subscription | undefined;
      const count: GroupCount = {
        subscribers: 0,
        outerSubscribed: true,
        release() {
          if (released) return;
          released = true;
          sourceSubscription?.unsubscribe();
          for (const group of groups.values()) group.idle?.timer?.unsubscribe();
          groups.clear();
        },
      };

      const close = (group: ResourceGroupSubject<R>): void => {
        if (groups.get(group.key) === group) groups.delete(group.key);
        if (group.idle !== undefined) {
          group.idle.timer?.unsubscribe();
          group.idle.timer = null;
        }
        group.end();
      };

      const endAll = (error?: { readonly error: unknown }): void => {
        const open = [...groups.values()];
        groups.clear();
        for (const group of open) {
          group.idle?.timer?.unsubscribe();
          group.end(error);
        }
      };

      // One check per group, rescheduled for the rest of the idle time rather than replaced
      // on every event.
      function checkIdle(this: SchedulerAction<ResourceGroupSubject<R>>, group?: ResourceGroupSubject<R>): void {
        if (group === undefined || groups.get(group.key) !== group) return;
        const watch = group.idle!;
        const remaining = watch.lastEventAt + idle - scheduler.now();
        if (remaining > 0) watch.timer = this.schedule(group, remaining);
        else {
          // Ended otherwise than by its end of life: a later end of life opens a group (see `next`).
          ended.delete(group.key);
          close(group);
        }
      }

      const open = (key: string): ResourceGroupSubject<R> => {
        const group = new ResourceGroupSubject<R>(key, count);
        groups.set(key, group);
        if (timed) {
          group.idle = { lastEventAt: scheduler.now(), timer: null };
          group.idle.timer = scheduler.schedule(checkIdle, idle, group);
        }
        outer.next(group);
        return group;
      };

      sourceSubscription = source.subscribe({
        next(event) {
          if (released || !isResourceEvent(event)) return;
          const key = resourceKey(event.resource_uri);
          const last = isEndOfLife(event);
          let group = groups.get(key);
          if (group === undefined) {
            if (!count.outerSubscribed) return;
            // The last word of a life whose group just ended (the `delete` after `Terminated`):
            // no group of its own. `ended` is read only here, for a key without a group, so a
            // new life need not be struck off it when its group opens (a Map deletion per group):
            // the group's end overwrites the entry, or strikes it off if it ends otherwise.
            if (last && ended.has(key)) return;
            group = open(key);
          } else if (timed) {
            group.idle!.lastEventAt = scheduler.now();
          }
          group.deliver(event as R);
          if (last) {
            ended.add(key, undefined);
            close(group);
          }
        },
        error: (error: unknown) => {
          endAll({ error });
          outer.error(error);
        },
        complete: () => {
          endAll();
          outer.complete();
        },
      });
      if (released) sourceSubscription.unsubscribe();

      return () => {
        count.outerSubscribed = false;
        for (const group of groups.values()) group.watchAll();
        if (count.subscribers === 0) count.release();
      };
    });
}
