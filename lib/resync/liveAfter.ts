import type { WatchStatus } from './WatchStatus.js';

/**
 * Whether a watch is live after `status`, given that it was `live` before: it becomes live
 * when a listing is reconciled (`synced`), and stops being live the moment its stream starts
 * a connection, opens one (a listing follows), loses it, or ends, and when a listing starts
 * or fails. Other statuses (`authenticated`, `rejected`, `dropped`) change nothing. Internal.
 *
 * @internal
 */
export function liveAfter(status: WatchStatus, live: boolean): boolean {
  switch (status.kind) {
    case 'synced':
      return true;
    case 'connecting':
    case 'open':
    case 'reconnecting':
    case 'closed':
    case 'listing':
    case 'list-failed':
    case 'failed':
      return false;
    default:
      return live;
  }
}
