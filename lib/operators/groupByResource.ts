import {
  asyncScheduler,
  Observable,
  Subject,
  type OperatorFunction,
  type SchedulerAction,
  type SchedulerLike,
  type Subscriber,
  type Subscription,
  type TeardownLogic,
} from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';

/**
 * The events of one resource, as {@link groupByResource} emits them: an Observable with the
 * resource's normalized URI as its `key`.
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
export class ResourceGroup<E> extends Observable<E> {
  /**
   * @param key - The resource's normalized URI.
   * @param subscribe - What subscribing to the group does.
   * @internal
   */
  constructor(
    /** The resource's normalized URI (see `normalizeResourceUri`). */
    readonly key: string,
    subscribe: (subscriber: Subscriber<E>) => TeardownLogic,
  ) {
    super(subscribe);
  }
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

/** An open group, as the operator keeps it. */
class OpenGroup<R> {
  /** When the group last received an event (only kept with `idle`). */
  lastEventAt = 0;
  /** The group's one idle check, when `idle` is set. */
  timer: Subscription | null = null;

  constructor(
    readonly key: string,
    readonly subject: Subject<R>,
  ) {}
}

/**
 * Splits the stream into one {@link ResourceGroup} per resource, keyed by its normalized URI,
 * that completes at the resource's end of life.
 *
 * A group emits its resource's events, whatever URI form they use, and completes right after
 * the end-of-life event (see `isEndOfLife`); a later event of the same resource opens a new
 * group. With `idle`, a group that has received no event for that long also completes. So,
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
    new Observable<ResourceGroup<R>>((outer) => {
      const groups = new Map<string, OpenGroup<R>>();
      let groupSubscriptions = 0;
      let outerSubscribed = true;
      let released = false;
      let sourceSubscription: Subscription | undefined;

      const release = (): void => {
        if (released) return;
        released = true;
        sourceSubscription?.unsubscribe();
        for (const group of groups.values()) group.timer?.unsubscribe();
        groups.clear();
      };

      const close = (group: OpenGroup<R>): void => {
        if (groups.get(group.key) === group) groups.delete(group.key);
        group.timer?.unsubscribe();
        group.timer = null;
        group.subject.complete();
      };

      const endAll = (end: (subject: Subject<R>) => void): void => {
        const open = [...groups.values()];
        groups.clear();
        for (const group of open) {
          group.timer?.unsubscribe();
          end(group.subject);
        }
      };

      // One check per group, rescheduled for the rest of the idle time rather than replaced
      // on every event.
      function checkIdle(this: SchedulerAction<OpenGroup<R>>, group?: OpenGroup<R>): void {
        if (group === undefined || groups.get(group.key) !== group) return;
        const remaining = group.lastEventAt + idle - scheduler.now();
        if (remaining > 0) group.timer = this.schedule(group, remaining);
        else close(group);
      }

      const open = (key: string): OpenGroup<R> => {
        const subject = new Subject<R>();
        const group = new OpenGroup<R>(key, subject);
        groups.set(key, group);
        if (timed) {
          group.lastEventAt = scheduler.now();
          group.timer = scheduler.schedule(checkIdle, idle, group);
        }
        outer.next(
          new ResourceGroup<R>(key, (groupSubscriber) => {
            groupSubscriptions++;
            const inner = subject.subscribe(groupSubscriber);
            return () => {
              inner.unsubscribe();
              if (--groupSubscriptions === 0 && !outerSubscribed) release();
            };
          }),
        );
        return group;
      };

      sourceSubscription = source.subscribe({
        next(event) {
          if (released || !isResourceEvent(event)) return;
          const key = normalizeResourceUri(event.resource_uri);
          let group = groups.get(key);
          if (group === undefined) {
            if (!outerSubscribed) return;
            group = open(key);
          } else if (timed) {
            group.lastEventAt = scheduler.now();
          }
          group.subject.next(event as R);
          if (isEndOfLife(event)) close(group);
        },
        error: (error: unknown) => {
          endAll((subject) => subject.error(error));
          outer.error(error);
        },
        complete: () => {
          endAll((subject) => subject.complete());
          outer.complete();
        },
      });
      if (released) sourceSubscription.unsubscribe();

      return () => {
        outerSubscribed = false;
        if (groupSubscriptions === 0) release();
      };
    });
}
