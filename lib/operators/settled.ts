import {
  asyncScheduler,
  isObservable,
  Observable,
  type OperatorFunction,
  type SchedulerAction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isTransitionalState } from '../model/isTransitionalState.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { PersistentMap } from '../tracking/PersistentMap.js';
import type { ResourceView } from './resourceView.js';
import { SettleTracker } from '../tracking/SettleTracker.js';

/**
 * Options of {@link settled}.
 *
 * @example
 * ```ts
 * const options: SettledOptions<ServiceEvent> = {
 *   isSettled: (event) => event.state === 'Running' || event.state === 'Stopped',
 * };
 * ```
 * @see {@link settled}
 */
export interface SettledOptions<E extends ResourceEvent = ResourceEvent> {
  /**
   * Whether a resource whose latest event is `event` is settled. Default: its state is not
   * transitional (`isTransitionalState`; an event without a state counts as settled). Not
   * called for end-of-life events. If it throws, the error is sent downstream and the source
   * is unsubscribed.
   */
  readonly isSettled?: (event: E) => boolean;
  /** The scheduler that measures the quiet time. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /**
   * Whether the events are live: `true` while the connection is up and the view reconciled,
   * `false` from a disconnect until the next resync is done. Silence while the connection is
   * down is not quiet, so while `live` is `false` the operator holds: it emits nothing, not
   * even on completion, and keeps tracking events; when `live` turns `true` the quiet time
   * starts again from that moment, and the decision is made from the view as it then is
   * (for a watch, already reconciled by its synthetic events). Until `live` first emits, it
   * counts as `false`. Take it from `watch.live` ({@link ResourceWatch}), or from the status
   * channel of `streamEvents` with {@link connectionLive}. Default: always live (the events
   * are trusted as they come, which is right only for a source that cannot have gaps).
   */
  readonly live?: Observable<boolean>;
}

function stateIsSettled(event: ResourceEvent): boolean {
  return !isTransitionalState(event.state);
}

/**
 * Emits a {@link ResourceView} of the live resources once they have all settled and the
 * stream has been quiet for `quietTime` milliseconds; then stays silent until something
 * changes again.
 *
 * This is the pattern of the load balancers that watched Docker Cloud: rewrite the
 * configuration when nothing is starting, scaling or redeploying any more, and no event has
 * come for a while. The operator tracks the latest event per live resource (by normalized
 * URI; forgotten at its end of life). While any tracked resource is not settled (by default,
 * its state is transitional: see `isTransitionalState`) it is disarmed. Once all are settled
 * and `quietTime` ms pass without a resource event, it emits the view of the tracked
 * resources, at most once per change: it emits again only after an event changed the view and
 * only if the view differs from the last one emitted (by keys and event identity), so a
 * resource that came and went in between causes no emission. Every resource event restarts
 * the quiet time, as in `debounceTime`; control messages and unknown events are ignored.
 *
 * On completion, a pending emission (all settled, view changed since the last emission) is
 * emitted at once, as `debounceTime` emits its pending value, and then the output completes.
 * On error the pending emission is dropped. When every resource has ended its life, the view
 * emitted is empty. A resource stuck in a transitional state (its settling event was missed)
 * keeps the operator disarmed.
 *
 * Silence while the connection is down is not quiet: events sent meanwhile are lost, and the
 * view is stale until a resync. Pass `live` (`watch.live` of a {@link ResourceWatch}, or
 * {@link connectionLive} of a stream's statuses) and the operator holds while it is `false`:
 * no emission, and the quiet time starts again once it turns `true`, so that the decision is
 * made from the reconciled view. `watch.settled(quietTime, options)` passes it for you.
 *
 * @param quietTime - Milliseconds without events required before emitting; `0` emits once
 * the current burst of synchronous events is over, `Infinity` only on completion.
 * @throws RangeError when `quietTime` is negative or NaN.
 *
 * @example
 * ```ts
 * const watch = watchResources({ kinds: ['service', 'container'] });
 * // Never while the socket is down or a resync is in flight: live is false then.
 * watch.events.pipe(
 *   ofType('service'),
 *   settled(5000, { live: watch.live, isSettled: (s) => ['Running', 'Stopped', 'Not running'].includes(s.state ?? '') }),
 * ).subscribe((services) => writeNginxConfig([...services.values()]));
 * ```
 * @see {@link resourceView}, {@link stateTransitions}, {@link groupByResource}, {@link connectionLive}
 */
export function settled<E extends CloudEvent>(
  quietTime: number,
  // NoInfer: the stream's type, not a callback's annotation, decides E.
  options: SettledOptions<NoInfer<Extract<E, ResourceEvent>>> = {},
): OperatorFunction<E, ResourceView<Extract<E, ResourceEvent>>> {
  type R = Extract<E, ResourceEvent>;
  if (typeof quietTime !== 'number' || Number.isNaN(quietTime) || quietTime < 0) {
    throw new RangeError(`settled: quietTime must be a number of milliseconds >= 0, got ${String(quietTime)}`);
  }
  const { isSettled = stateIsSettled, scheduler = asyncScheduler, live } = options;
  if (typeof isSettled !== 'function') throw new TypeError('settled: isSettled must be a function');
  if (live !== undefined && !isObservable(live)) throw new TypeError('settled: live must be an Observable of booleans');
  const timed = Number.isFinite(quietTime);

  return (source) =>
    new Observable<ResourceView<R>>((subscriber) => {
      const tracker = new SettleTracker<R>(isSettled);
      // The view last emitted; initially the empty view, which is not worth emitting.
      let emitted: PersistentMap<R> = tracker.view;
      let lastEventAt = 0;
      // The one pending quiet-time check: it reschedules itself rather than being replaced.
      let check: Subscription | null = null;
      // Without a `live` signal the events are trusted as they come; with one, nothing is
      // trusted until it says so.
      let isLive = live === undefined;

      const pending = (): boolean => tracker.allSettled && tracker.view !== emitted;

      const emitIfChanged = (): void => {
        const view = tracker.view;
        const changed = !view.equals(emitted);
        emitted = view;
        if (changed) subscriber.next(view);
      };

      function onQuiet(this: SchedulerAction<undefined>): void {
        check = null;
        if (!isLive || !pending()) return;
        const remaining = lastEventAt + quietTime - scheduler.now();
        if (remaining > 0) check = this.schedule(undefined, remaining);
        else emitIfChanged();
      }

      const arm = (): void => {
        if (timed && isLive && check === null && pending()) check = scheduler.schedule(onQuiet, quietTime);
      };

      // Subscribed first, so that a signal that replays its current value (a watch's `live`)
      // is known before the source's first events.
      const liveSubscription = live?.subscribe({
        next(value) {
          const next = value === true;
          if (next === isLive) return;
          isLive = next;
          if (!isLive) {
            // What the quiet time measured so far was partly an outage: it counts for nothing.
            check?.unsubscribe();
            check = null;
            return;
          }
          // Back (and reconciled): a whole quiet time starts now, and the decision will be
          // made from the view as it is when it ends.
          arm();
        },
        error: (error: unknown) => subscriber.error(error),
      });
      if (subscriber.closed) return liveSubscription;

      const subscription = source.subscribe({
        next(event) {
          if (subscriber.closed || !isResourceEvent(event)) return;
          try {
            tracker.track(event as R);
          } catch (error: unknown) {
            subscriber.error(error);
            return;
          }
          lastEventAt = scheduler.now();
          arm();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          // A view held while not live is stale: it is not worth acting on, even at the end.
          if (isLive && pending()) emitIfChanged();
          subscriber.complete();
        },
      });
      return () => {
        liveSubscription?.unsubscribe();
        subscription.unsubscribe();
        check?.unsubscribe();
      };
    });
}
