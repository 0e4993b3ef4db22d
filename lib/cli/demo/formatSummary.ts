import type { Palette } from '../Palette.js';

/** What the demo counted, for its summary. */
export interface DemoSummary {
  /** How long it ran, in ms. */
  readonly elapsed: number;
  /** Events the stream delivered. */
  readonly events: number;
  /** Transitions shown (those found by a resync included). */
  readonly transitions: number;
  /** Of which found by a REST resync. */
  readonly resyncTransitions: number;
  /** Connections reopened after a drop. */
  readonly reconnects: number;
  /** Frames the stream rejected (and counted) without ending. */
  readonly rejected: number;
  /** Times `settled` emitted. */
  readonly settled: number;
  /** Services live at the end, as `resourceView` holds them. */
  readonly servicesLive: number;
  /** Services whose group ended. */
  readonly servicesEnded: number;
}

/**
 * The summary the demo prints when it stops, one aligned line per count.
 *
 * ```text
 * summary after 20.0 s
 *   events        198
 *   transitions   121 (3 found by resync)
 *   reconnects    2
 *   rejected      1 frame
 *   settled       2 times
 *   services      6 live, 1 ended
 * ```
 *
 * @example
 * ```ts
 * for (const line of formatSummary(summary, palette)) console.log(line);
 * ```
 */
export function formatSummary(summary: DemoSummary, palette: Palette): string[] {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const rows: [string, string][] = [
    ['events', String(summary.events)],
    ['transitions', `${summary.transitions}${summary.resyncTransitions > 0 ? ` (${summary.resyncTransitions} found by resync)` : ''}`],
    ['reconnects', String(summary.reconnects)],
    ['rejected', plural(summary.rejected, 'frame', 'frames')],
    ['settled', plural(summary.settled, 'time', 'times')],
    ['services', `${summary.servicesLive} live, ${summary.servicesEnded} ended`],
  ];
  return [palette.bold(`summary after ${(summary.elapsed / 1000).toFixed(1)} s`), ...rows.map(([name, value]) => `  ${name.padEnd(12)}  ${value}`)];
}
