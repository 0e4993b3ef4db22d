import {
  asyncScheduler,
  Observable,
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
import { resourceKey } from '../uri/resourceKey.js';
import { RecentlyEnded } from '../tracking/RecentlyEnded.js';

/**
 * What the groups of one subscription of {@link groupByResource} share: how many subscribers
 * they have, so that the source is kept while any group is watched (as with `groupBy`).
 */
interface GroupCount {
  subscribers: number;
  outerSubscribed: boolean;
  release(): void;
}

/** How a group ended: completed, or errored with `error`. */
type Ending = { readonly error: unknown } | typeof COMPLETED;
const COMPLETED = Object.freeze({});

/** A group's idle check, with `idle` only. */
interface IdleWatch {
  /** When the group last received an event. */
  lastEventAt: number;
  /** The group's one pending check. */
  timer: Subscription | null;
}

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
  // The group is its own multicast: one object per live resource rather than a Subject, a
  // wrapper and their closures, since an operator over 100 000 resources keeps one each.
  // Usually one subscriber; the others, if any, in `more`.
  private first: Subscriber<E> | undefined = undefined;
  private more: Subscriber<E>[] | undefined = undefined;
  private ending: Ending | undefined = undefined;
  /** @internal */
  idle: IdleWatch | undefined = undefined;

  /**
   * @param key - The resource's normalized URI.
   * @param count - The subscriber count the groups of one subscription share.
   * @internal
   */
  constructor(
    /** The resource's normalized URI (see `normalizeResourceUri`). */
    readonly key: string,
    private readonly count: GroupCount,
  ) {
    super(subscribeToGroup);
  }

  /** @internal */
  attach(subscriber: Subscriber<E>): TeardownLogic {
    const ending = this.ending;
    if (ending !== undefined) return ending === COMPLETED ? subscriber.complete() : subscriber.error((ending as { error: unknown }).error);
    if (this.first === undefined || this.first.closed) this.first = subscriber;
    else (this.more ??= []).push(subscriber);
    // While the output is subscribed, nothing needs to know at once that a group subscriber
    // left: it is dropped at the group's next event. Registering a teardown would cost every
    // group a finalizer list in RxJS, for nothing.
    return this.count.outerSubscribed ? undefined : this.watch(subscriber);
  }

  /**
   * Counts `subscriber` among the subscribers that keep the source, and says when it leaves:
   * from the output's unsubscription on, the source is released when the last one leaves.
   *
   * @internal
   */
  watch(subscriber: Subscriber<E>): GroupSubscription<E> {
    this.count.subscribers++;
    return new GroupSubscription(this, subscriber);
  }

  /** Watches every subscriber still there: the output has just been unsubscribed. @internal */
  watchAll(): void {
    for (const subscriber of this.subscribers()) if (!subscriber.closed) subscriber.add(this.watch(subscriber));
  }

  /** @internal */
  detach(subscriber: Subscriber<E>): void {
    this.forget(subscriber);
    const count = this.count;
    if (--count.subscribers === 0 && !count.outerSubscribed) count.release();
  }

  /** @internal */
  deliver(event: E): void {
    const first = this.first;
    if (this.more === undefined || this.more.length === 0) {
      if (first === undefined) return;
      if (first.closed) this.first = undefined;
      else first.next(event);
      return;
    }
    // As a Subject does: the subscribers at the time of the event, whatever they do.
    for (const subscriber of this.subscribers()) {
      if (subscriber.closed) this.forget(subscriber);
      else subscriber.next(event);
    }
  }

  /** @internal */
  end(error?: { readonly error: unknown }): void {
    if (this.ending !== undefined) return;
    this.ending = error ?? COMPLETED;
    if (this.more === undefined || this.more.length === 0) {
      // The common case, one subscriber: no list to build.
      const first = this.first;
      this.first = undefined;
      if (first === undefined || first.closed) return;
      if (error === undefined) first.complete();
      else first.error(error.error);
      return;
    }
    for (const subscriber of this.subscribers()) {
      if (subscriber.closed) continue;
      if (error === undefined) subscriber.complete();
      else subscriber.error(error.error);
    }
  }

  /** A copy of the list of subscribers. */
  private subscribers(): Subscriber<E>[] {
    const all = this.more === undefined ? [] : [...this.more];
    if (this.first !== undefined) all.unshift(this.first);
    return all;
  }

  private forget(subscriber: Subscriber<E>): void {
    if (this.first === subscriber) {
      this.first = this.more?.shift();
      return;
    }
    const index = this.more?.indexOf(subscriber) ?? -1;
    if (index >= 0) this.more!.splice(index, 1);
  }
}

// Called by `Observable` as a method of the group (`this` is the group, per RxJS's typing of
// the subscribe function), so that no group needs a closure of its own.
function subscribeToGroup<E>(this: Observable<E>, subscriber: Subscriber<E>): TeardownLogic {
  return (this as ResourceGroup<E>).attach(subscriber);
}

/** The teardown of one subscription to a group. */
class GroupSubscription<E> {
  constructor(
    private readonly group: ResourceGroup<E>,
    private readonly subscriber: Subscriber<E>,
  ) {}

  unsubscribe(): void {
    this.group.detach(this.subscriber);
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
    new Observable<ResourceGroup<R>>((outer) => {
      const groups = new Map<string, ResourceGroup<R>>();
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

      const close = (group: ResourceGroup<R>): void => {
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
      function checkIdle(this: SchedulerAction<ResourceGroup<R>>, group?: ResourceGroup<R>): void {
        if (group === undefined || groups.get(group.key) !== group) return;
        const watch = group.idle!;
        const remaining = watch.lastEventAt + idle - scheduler.now();
        if (remaining > 0) watch.timer = this.schedule(group, remaining);
        else close(group);
      }

      const open = (key: string): ResourceGroup<R> => {
        const group = new ResourceGroup<R>(key, count);
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
          let group = groups.get(key);
          if (group === undefined) {
            if (!count.outerSubscribed) return;
            if (isEndOfLife(event)) {
              // The last word of a life whose group just ended (the `delete` after `Terminated`):
              // no group of its own.
              if (ended.has(key)) return;
            } else {
              ended.delete(key);
            }
            group = open(key);
          } else if (timed) {
            group.idle!.lastEventAt = scheduler.now();
          }
          group.deliver(event as R);
          if (isEndOfLife(event)) {
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
