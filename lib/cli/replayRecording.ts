import { asyncScheduler, Observable, type SchedulerAction, type SchedulerLike } from 'rxjs';

/**
 * An event and when it happened, in ms from an origin: a line of a recording (`RecordedEvent`),
 * or any event with a time.
 */
export interface TimedEvent<E> {
  /** Ms since the recording started. */
  readonly t: number;
  /** The event. */
  readonly event: E;
}

/** How {@link replayRecording} paces a recording. */
export interface ReplayPace {
  /** `recorded` (the default): the recorded gaps; a factor (`2`: twice as fast); `max`: at once, in batches. */
  readonly speed?: 'recorded' | 'max' | number;
  /** The scheduler of the timers (marble tests use virtual time). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** Events emitted per scheduler turn at speed `max`, so Ctrl-C and output keep up with a large file. */
const BATCH = 1024;

/**
 * The events of a recording (from `readRecording`) as a cold Observable, in order, with the
 * recorded gaps (`t`, in ms since the start), sped up by a factor, or as fast as possible.
 * It completes after the last event. Every subscription replays from the start.
 *
 * @example
 * ```ts
 * replayRecording(await readRecording('run.jsonl'), { speed: 2 }).subscribe((event) => console.log(event.state));
 * ```
 */
export function replayRecording<E>(records: readonly TimedEvent<E>[], pace: ReplayPace = {}): Observable<E> {
  const scheduler = pace.scheduler ?? asyncScheduler;
  const speed = pace.speed ?? 'recorded';
  const factor = speed === 'recorded' ? 1 : speed === 'max' ? Infinity : speed;
  return new Observable<E>((subscriber) => {
    const start = scheduler.now();
    const origin = records[0]?.t ?? 0;
    let next = 0;
    function pump(this: SchedulerAction<undefined>): void {
      const elapsed = scheduler.now() - start;
      const end = factor === Infinity ? Math.min(records.length, next + BATCH) : records.length;
      while (next < end && !subscriber.closed) {
        const record = records[next]!;
        const due = (record.t - origin) / factor;
        if (due > elapsed) break;
        next++;
        subscriber.next(record.event);
      }
      if (subscriber.closed) return;
      if (next >= records.length) {
        subscriber.complete();
        return;
      }
      const due = factor === Infinity ? 0 : (records[next]!.t - origin) / factor - elapsed;
      this.schedule(undefined, Math.max(0, due));
    }
    return scheduler.schedule(pump, 0);
  });
}
