import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { StreamStatus } from './StreamStatus.js';

/**
 * Whether a stream whose latest status is `status` is connected: `open`, and `authenticated`
 * and `rejected`, which only come on an open socket, say yes; `connecting`, `reconnecting` and
 * `closed` say no.
 */
function isConnected(status: StreamStatus): boolean {
  return status.kind === 'open' || status.kind === 'authenticated' || status.kind === 'rejected';
}

/**
 * The statuses of a `streamEvents` subscription as the `live` signal that `settled` takes:
 * `true` while the socket is open, `false` from a disconnect (or before the first open) until
 * the next `open`, without repeats.
 *
 * A plain stream has no resync: events sent while it was down are lost, so after a reconnect
 * its view may stay wrong until each resource's next event. `live` only keeps a quiet-based
 * decision from being made during the outage itself. For a view that is right again after
 * every reconnect, use `watchResources` and its `watch.live`, which also stays `false` while
 * the resync lists.
 *
 * It reads `statuses`; it does not hold a state of its own. Give it the statuses of one
 * subscription of the stream (`share()` the stream), and subscribe before the stream or feed
 * a `ReplaySubject(1)`, so that the current status is known: until the first status, `settled`
 * counts the connection as down.
 *
 * @param statuses - The statuses of one subscription of `streamEvents`.
 *
 * @example
 * ```ts
 * const statuses = new ReplaySubject<StreamStatus>(1);
 * const events$ = streamEvents({ status: (status) => statuses.next(status) }).pipe(share());
 * events$.pipe(ofType('service'), settled(5000, { live: connectionLive(statuses) }))
 *   .subscribe((services) => writeNginxConfig([...services.values()]));
 * ```
 * @see {@link settled}, {@link StreamStatus}
 */
export function connectionLive(statuses: Observable<StreamStatus>): Observable<boolean> {
  return statuses.pipe(map(isConnected), distinctUntilChanged());
}
