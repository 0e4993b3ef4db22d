import type { WatchStatus } from '../index.js';

/**
 * Where the dashboard's connection stands:
 * - `connecting`: the first attempt is under way;
 * - `syncing`: the stream is open and the resources are being listed over REST;
 * - `live`: listed, and following the stream;
 * - `reconnecting`: the connection was lost; the next attempt starts at `retryAt`, or is under way;
 * - `closed`: the stream gave up (credentials refused, or a fatal error).
 */
export type ConnectionPhase = 'connecting' | 'syncing' | 'live' | 'reconnecting' | 'closed';

/**
 * What the dashboard shows of its connection, folded from the watch's statuses by
 * {@link nextConnectionView}.
 *
 * @example
 * ```ts
 * statuses$.pipe(scan((view, status) => nextConnectionView(view, status, Date.now()), INITIAL_CONNECTION));
 * ```
 */
export interface ConnectionView {
  readonly phase: ConnectionPhase;
  /** The attempt under way or next, counted since the last healthy connection; 0 for the first. */
  readonly attempt: number;
  /** When the next attempt (or listing) starts, in ms since the epoch; `undefined` when none is pending. */
  readonly retryAt: number | undefined;
  /** Why the last connection or listing failed (the library's message, which never holds a credential). */
  readonly reason: string | undefined;
  /** Events received over the stream. */
  readonly events: number;
  /** Reconnection attempts made. */
  readonly reconnects: number;
  /** Frames the stream rejected. */
  readonly rejected: number;
  /** Listings reconciled (the first one, then one per reconnect). */
  readonly lists: number;
}

/** The view before any status. */
export const INITIAL_CONNECTION: ConnectionView = Object.freeze({
  phase: 'connecting',
  attempt: 0,
  retryAt: undefined,
  reason: undefined,
  events: 0,
  reconnects: 0,
  rejected: 0,
  lists: 0,
});

/**
 * The connection view after `status`, reported at time `now` (ms since the epoch).
 *
 * @example
 * ```ts
 * nextConnectionView(INITIAL_CONNECTION, { kind: 'reconnecting', attempt: 1, delay: 800, error, counters }, now).phase; // 'reconnecting'
 * ```
 */
export function nextConnectionView(view: ConnectionView, status: WatchStatus, now: number): ConnectionView {
  switch (status.kind) {
    case 'connecting':
      return {
        ...view,
        ...stream(status.counters),
        phase: status.attempt === 0 && status.counters.connections === 0 ? 'connecting' : 'reconnecting',
        attempt: status.attempt,
        retryAt: undefined,
      };
    case 'open':
      return { ...view, ...stream(status.counters), phase: 'syncing', retryAt: undefined };
    case 'authenticated':
    case 'rejected':
      return { ...view, ...stream(status.counters) };
    case 'reconnecting':
      return {
        ...view,
        ...stream(status.counters),
        phase: 'reconnecting',
        attempt: status.attempt,
        retryAt: now + status.delay,
        reason: status.error.message,
      };
    case 'closed':
      return { ...view, ...stream(status.counters), phase: 'closed', retryAt: undefined, reason: status.error?.message ?? view.reason };
    case 'listing':
      return { ...view, lists: status.counters.lists, phase: view.phase === 'live' ? 'live' : 'syncing' };
    case 'list-failed':
      return { ...view, lists: status.counters.lists, retryAt: now + status.delay, reason: status.error.message };
    case 'synced':
      return { ...view, lists: status.counters.lists, phase: 'live', attempt: 0, retryAt: undefined, reason: undefined };
    case 'dropped':
      return view;
    case 'failed':
      return { ...view, phase: 'closed', retryAt: undefined, reason: status.error.message };
  }
}

function stream(counters: {
  readonly events: number;
  readonly reconnects: number;
  readonly rejected: number;
}): Pick<ConnectionView, 'events' | 'reconnects' | 'rejected'> {
  return { events: counters.events, reconnects: counters.reconnects, rejected: counters.rejected };
}
