import { asyncScheduler, distinctUntilChanged, map, NEVER, switchMap, take, timer, type Observable, type SchedulerLike } from 'rxjs';

/** The longest delay a timer can hold, in ms. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Emits once `live` has been `true` for `dueTime` ms in a row, then completes: a quiet time
 * that an outage interrupts and restarts. As the duration of `debounce`, it is a
 * `debounceTime` that never fires while the connection is down or a resync is in flight, and
 * that waits a whole `dueTime` again once the watch is live.
 *
 * Give it `watch.live` of a `ResourceWatch`, or `connectionLive(statuses)` of a stream. Until
 * `live` says `true`, it waits. As with every `debounce`, a pending value is still emitted at
 * once when the source completes.
 *
 * @param dueTime - Milliseconds `live` must stay `true`.
 * @param live - Whether the events can be trusted right now.
 * @param scheduler - The scheduler that measures `dueTime`. Default `asyncScheduler`.
 * @throws RangeError when `dueTime` is negative, NaN, or finite above 2^31 - 1.
 *
 * @example
 * ```ts
 * // Reload one second after the last change, never while the watch is not live.
 * changes$.pipe(debounce(() => liveFor(1000, watch.live)), withLatestFrom(watch.cache))
 *   .subscribe(([, cache]) => reload(cache));
 * ```
 * @see {@link settled}, {@link connectionLive}
 */
export function liveFor(dueTime: number, live: Observable<boolean>, scheduler: SchedulerLike = asyncScheduler): Observable<void> {
  // A timer cannot hold more than 2^31 - 1 ms (longer ones fire at once); Infinity is never.
  if (typeof dueTime !== 'number' || Number.isNaN(dueTime) || dueTime < 0 || (dueTime > MAX_DELAY && dueTime !== Infinity)) {
    throw new RangeError(`liveFor: dueTime must be a number of milliseconds from 0 to ${MAX_DELAY}, or Infinity, got ${String(dueTime)}`);
  }
  const wait = dueTime === Infinity ? NEVER : timer(dueTime, scheduler);
  return live.pipe(
    map((value) => value === true),
    distinctUntilChanged(),
    // Each time it turns true a whole dueTime starts; turning false cancels it.
    switchMap((up) => (up ? wait : NEVER)),
    take(1),
    map(() => undefined),
  );
}
