import { Observable, type Subscriber, type Subscription, type TeardownLogic } from 'rxjs';
import type { ResourceGroup } from '../operators/groupByResource.js';

/**
 * What the groups of one subscription of {@link groupByResource} share: how many subscribers
 * they have, so that the source is kept while any group is watched (as with `groupBy`).
 */
export interface GroupCount {
  subscribers: number;
  outerSubscribed: boolean;
  release(): void;
}

/** How a group ended: completed, or errored with `error`. */
type Ending = { readonly error: unknown } | typeof COMPLETED;
const COMPLETED = Object.freeze({});

/** A group's idle check, with `idle` only. */
export interface IdleWatch {
  /** When the group last received an event. */
  lastEventAt: number;
  /** The group's one pending check. */
  timer: Subscription | null;
}

/**
 * The one implementation of {@link ResourceGroup}: a group of {@link groupByResource}, which
 * the operator feeds (`deliver`, `end`) and whose subscribers it counts. Not on a barrel: users
 * see the {@link ResourceGroup} interface, so that these methods are not theirs to call.
 *
 * @internal
 * @example
 * ```ts
 * const group = new ResourceGroupSubject<ContainerEvent>(key, count);
 * group.deliver(event);
 * group.end();
 * ```
 */
export class ResourceGroupSubject<E> extends Observable<E> implements ResourceGroup<E> {
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
  return (this as ResourceGroupSubject<E>).attach(subscriber);
}

/** The teardown of one subscription to a group. */
class GroupSubscription<E> {
  constructor(
    private readonly group: ResourceGroupSubject<E>,
    private readonly subscriber: Subscriber<E>,
  ) {}

  unsubscribe(): void {
    this.group.detach(this.subscriber);
  }
}
