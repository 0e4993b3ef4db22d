import type { Palette } from '../Palette.js';

/** What a REST listing found, as {@link formatResync} reports it. */
export interface ResyncReport {
  /** Whether it followed a reconnection (else it is the initial listing). */
  readonly reconnected: boolean;
  /** Services listed. */
  readonly services: number;
  /** Containers listed. */
  readonly containers: number;
  /** Resources whose state differed from what the stream had said, or that were gone. */
  readonly changed: number;
}

/**
 * The line the demo prints after listing over REST: at start ("list, then watch"), and after
 * each reconnection, with how much had changed unseen.
 *
 * @example
 * ```ts
 * formatResync({ reconnected: true, services: 6, containers: 12, changed: 2 }, palette);
 * // '          ⟳ resync over REST: 6 services, 12 containers; 2 changed while disconnected'
 * ```
 */
export function formatResync(report: ResyncReport, palette: Palette): string {
  const listed = `${report.services} services, ${report.containers} containers`;
  const text = report.reconnected
    ? `⟳ resync over REST: ${listed}; ${report.changed} changed while disconnected`
    : `⟳ listed over REST: ${listed} (list, then watch)`;
  return `${' '.repeat(10)}${palette.magenta(text)}`;
}
