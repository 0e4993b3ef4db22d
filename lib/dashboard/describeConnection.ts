import type { ConnectionView } from './connectionView.js';

/** What the connection badge says: a title, and a line of detail. */
export interface ConnectionText {
  readonly title: string;
  readonly detail: string;
}

/**
 * The words of the connection badge at time `now`: a reconnection counts down to its next
 * attempt.
 *
 * @example
 * ```ts
 * describeConnection({ ...view, phase: 'reconnecting', attempt: 2, retryAt: now + 1200 }, now);
 * // { title: 'Reconnecting', detail: 'attempt 2 · next try in 1.2 s · …' }
 * ```
 */
export function describeConnection(view: ConnectionView, now: number): ConnectionText {
  const reason = view.reason === undefined ? '' : ` · ${view.reason}`;
  switch (view.phase) {
    case 'connecting':
      return { title: 'Connecting', detail: 'opening the stream' };
    case 'syncing':
      return {
        title: 'Syncing',
        detail:
          view.retryAt === undefined
            ? 'listing the resources over REST'
            : `listing failed, retrying in ${seconds(view.retryAt - now)}${reason}`,
      };
    case 'live':
      return {
        title: 'Live',
        detail:
          view.reconnects === 0 ? 'following the stream' : `following the stream · resynced after ${plural(view.reconnects, 'reconnect')}`,
      };
    case 'reconnecting':
      return {
        title: 'Reconnecting',
        detail: `attempt ${view.attempt} · ${view.retryAt === undefined || view.retryAt <= now ? 'connecting now' : `next try in ${seconds(view.retryAt - now)}`}${reason}`,
      };
    case 'closed':
      return { title: 'Disconnected', detail: view.reason ?? 'the stream ended' };
  }
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
