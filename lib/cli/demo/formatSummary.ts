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
  /** Resyncs after a reconnection that the watch reconciled. */
  readonly resyncs: number;
  /** Frames the stream rejected (and counted) without ending. */
  readonly rejected: number;
  /** Times `settled` emitted. */
  readonly settled: number;
  /** Services live at the end, as `resourceView` holds them. */
  readonly servicesLive: number;
  /** Services whose group ended. */
  readonly servicesEnded: number;
  /** The watch's cache compared with the emulator's world at the end, if it was. */
  readonly check?: ViewCheck;
}

/** The demo's view (the watch's cache) compared with the truth (the emulator's world). */
export interface ViewCheck {
  /** Services and containers in the emulator's world. */
  readonly resources: number;
  /** Of those, how many the cache lacks or holds in another state, plus those it holds that the world has not. */
  readonly differing: number;
}

/**
 * The summary the demo prints when it stops, one aligned line per count.
 *
 * ```text
 * summary after 20.0 s
 *   events        198
 *   transitions   121 (3 found by resync)
 *   reconnects    2 (2 resyncs over REST)
 *   rejected      1 frame
 *   settled       2 times
 *   services      6 live, 1 ended
 *   view          matches the emulator: 18 resources
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
    ['reconnects', `${summary.reconnects}${summary.resyncs > 0 ? ` (${plural(summary.resyncs, 'resync', 'resyncs')} over REST)` : ''}`],
    ['rejected', plural(summary.rejected, 'frame', 'frames')],
    ['settled', plural(summary.settled, 'time', 'times')],
    ['services', `${summary.servicesLive} live, ${summary.servicesEnded} ended`],
  ];
  const check = summary.check;
  if (check !== undefined) {
    rows.push([
      'view',
      check.differing === 0
        ? `matches the emulator: ${plural(check.resources, 'resource', 'resources')}`
        : `${check.differing} of ${plural(check.resources, 'resource', 'resources')} differ from the emulator`,
    ]);
  }
  return [
    palette.bold(`summary after ${(summary.elapsed / 1000).toFixed(1)} s`),
    ...rows.map(([name, value]) => `  ${name.padEnd(12)}  ${value}`),
  ];
}
