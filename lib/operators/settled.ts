import { asyncScheduler, Observable, type OperatorFunction, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isTransitionalState } from '../model/isTransitionalState.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { PersistentMap } from './PersistentMap.js';
import type { ResourceView } from './resourceView.js';
import { SettleTracker } from './SettleTracker.js';

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
 * @param quietTime - Milliseconds without events required before emitting; `0` emits once
 * the current burst of synchronous events is over, `Infinity` only on completion.
 * @throws RangeError when `quietTime` is negative or NaN.
 *
 * @example
 * ```ts
 * events$.pipe(
 *   ofType('service'),
 *   settled(5000, { isSettled: (s) => ['Running', 'Stopped', 'Not running'].includes(s.state ?? '') }),
 * ).subscribe((services) => writeNginxConfig([...services.values()]));
 * ```
 * @see {@link resourceView}, {@link stateTransitions}, {@link groupByResource}
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
  const { isSettled = stateIsSettled, scheduler = asyncScheduler } = options;
  if (typeof isSettled !== 'function') throw new TypeError('settled: isSettled must be a function');
  const timed = Number.isFinite(quietTime);

  return (source) =>
    new Observable<ResourceView<R>>((subscriber) => {
      const tracker = new SettleTracker<R>(isSettled);
      // The view last emitted; initially the empty view, which is not worth emitting.
      let emitted: PersistentMap<R> = tracker.view;
      let lastEventAt = 0;
      // The one pending quiet-time check: it reschedules itself rather than being replaced.
      let check: Subscription | null = null;

      const pending = (): boolean => tracker.allSettled && tracker.view !== emitted;

      const emitIfChanged = (): void => {
        const view = tracker.view;
        const changed = !view.equals(emitted);
        emitted = view;
        if (changed) subscriber.next(view);
      };

      function onQuiet(this: SchedulerAction<undefined>): void {
        check = null;
        if (!pending()) return;
        const remaining = lastEventAt + quietTime - scheduler.now();
        if (remaining > 0) check = this.schedule(undefined, remaining);
        else emitIfChanged();
      }

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
          if (timed && check === null && pending()) check = scheduler.schedule(onQuiet, quietTime);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (pending()) emitIfChanged();
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        check?.unsubscribe();
      };
    });
}
