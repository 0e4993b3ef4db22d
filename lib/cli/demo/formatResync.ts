import type { Palette } from '../Palette.js';

/** What a resync of the demo's watch did, as {@link formatResync} reports it (from its `synced` status). */
export interface ResyncReport {
  /** Whether it followed a reconnection (else it is the initial listing). */
  readonly reconnected: boolean;
  /** Services and containers in the cache once reconciled. */
  readonly resources: number;
  /** Synthetic events it made: what changed while the stream was disconnected. */
  readonly synthetic: number;
  /** Events that arrived from the stream while it listed, applied with the listing. */
  readonly buffered: number;
}

/**
 * The line the demo prints when its watch has reconciled a REST listing with the stream: at
 * start ("list, then watch"), and after each reconnection, with how much had changed unseen.
 *
 * @example
 * ```ts
 * formatResync({ reconnected: true, resources: 18, synthetic: 2, buffered: 1 }, palette);
 * // '          ⟳ resync over REST: 18 services and containers; 2 changed while disconnected, 1 event held while listing'
 * ```
 */
export function formatResync(report: ResyncReport, palette: Palette): string {
  const listed = `${report.resources} services and containers`;
  const held = report.buffered === 0 ? '' : `, ${report.buffered} ${report.buffered === 1 ? 'event' : 'events'} held while listing`;
  const text = report.reconnected
    ? `⟳ resync over REST: ${listed}; ${report.synthetic} changed while disconnected${held}`
    : `⟳ listed over REST: ${listed} (list, then watch)${held}`;
  return `${' '.repeat(10)}${palette.magenta(text)}`;
}
