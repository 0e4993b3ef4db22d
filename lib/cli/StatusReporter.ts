import type { StreamStatus } from '../stream/StreamStatus.js';
import { formatConnectionLost, formatCountdown, formatRejected, formatStatus } from './formatStatus.js';
import type { Terminal } from './Terminal.js';

/** How often the countdown of an interactive terminal is redrawn, in ms. */
const TICK = 100;

/**
 * Writes the statuses of a stream to stderr, through a {@link Terminal}, and remembers the
 * latest counters. On an interactive terminal the wait before a reconnection is a live
 * countdown (`reconnecting in 2.3 s (attempt 3)`, redrawn every 100 ms and erased when the
 * next status comes); elsewhere it is one line. An event the command line could not print is
 * reported as a rejected frame, and counted with them.
 *
 * @example
 * ```ts
 * const reporter = new StatusReporter(terminal);
 * streamEvents({ status: (status) => reporter.report(status) }).subscribe(…);
 * // …
 * reporter.dispose();
 * ```
 */
export class StatusReporter {
  private latest: StreamStatus['counters'] | undefined;
  private unprinted = 0;
  private countdown: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly terminal: Terminal,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The counters of the latest status, or `undefined` before the first one; `rejected` also
   * counts the events reported by {@link StatusReporter.unprintable}.
   */
  get counters(): StreamStatus['counters'] | undefined {
    return this.latest === undefined ? undefined : { ...this.latest, rejected: this.latest.rejected + this.unprinted };
  }

  /**
   * Reports an event that could not be printed (`formatEvents`' `unprintable`) as the stream
   * reports a rejected frame: `! rejected a frame: could not print it (RangeError: …)`, and
   * counts it.
   */
  unprintable(error: unknown): void {
    this.unprinted += 1;
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.terminal.status(formatRejected(`could not print it (${why})`, this.terminal.err));
  }

  /** Writes one status. */
  report(status: StreamStatus): void {
    this.latest = status.counters;
    this.stopCountdown();
    const palette = this.terminal.err;
    if (status.kind === 'reconnecting' && this.terminal.interactive) {
      this.terminal.status(formatConnectionLost(status.error.message, palette));
      const until = this.clock() + status.delay;
      const draw = (): void => this.terminal.transient(formatCountdown(until - this.clock(), status.attempt, palette));
      draw();
      this.countdown = setInterval(draw, TICK);
      this.countdown.unref?.();
      return;
    }
    const line = formatStatus(status, palette);
    if (line !== undefined) this.terminal.status(line);
  }

  /** Stops a countdown and erases it. */
  dispose(): void {
    this.stopCountdown();
  }

  private stopCountdown(): void {
    if (this.countdown === undefined) return;
    clearInterval(this.countdown);
    this.countdown = undefined;
    this.terminal.clearTransient();
  }
}
