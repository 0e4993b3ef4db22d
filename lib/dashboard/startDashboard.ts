import {
  animationFrameScheduler,
  combineLatest,
  count,
  filter,
  interval,
  map,
  merge,
  mergeMap,
  of,
  scan,
  startWith,
  Subject,
  switchMap,
  throttleTime,
  type Subscription,
} from 'rxjs';
import { groupByResource, isSynthetic, ofType, parseResourceUri, stateTransitions, watchResources, type WatchStatus } from '../index.js';
import { INITIAL_CONNECTION, nextConnectionView } from './connectionView.js';
import type { DashboardSession } from './DashboardSession.js';
import { stateTone } from '../display/stateTone.js';
import { groupResources } from './groupResources.js';
import { renderDashboard } from './renderDashboard.js';
import { pushRow, transitionRow, type TransitionRow } from './transitionRow.js';

/** Where the page was loaded from: the emulator serving it. */
export interface DashboardOrigin {
  /** `http:` or `https:`. */
  readonly protocol: string;
  /** `host:port`. */
  readonly host: string;
  /** `http://host:port`. */
  readonly origin: string;
}

/**
 * Runs the dashboard in `root`: one watch of stacks, services and containers (list, then
 * watch, resynced after every reconnect), built with the library's public API only.
 *
 * - the resources come from the watch's cache (a `resourceView` of the live resources);
 * - the feed from its events, through `ofType` and `stateTransitions`, with the services that
 *   ended, from `groupByResource`;
 * - the connection badge from the status channel;
 * - the count of live events from the events that are not `isSynthetic`.
 *
 * The credentials go to the stream and REST as query parameters (browsers cannot send headers
 * on a WebSocket) and nowhere else: nothing is logged, and the library redacts every URL it
 * reports.
 *
 * @example
 * ```ts
 * startDashboard(document.getElementById('app')!, await fetchSession('session'), location);
 * ```
 */
export function startDashboard(root: HTMLElement, session: DashboardSession, origin: DashboardOrigin): Subscription {
  const statuses = new Subject<WatchStatus>();
  const watch = watchResources({
    kinds: ['stack', 'service', 'container'],
    url: `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`,
    restUrl: origin.origin,
    namespace: session.namespace,
    auth: { user: session.user, apiKey: session.apiKey, in: 'query' },
    // A connection that lived 5 s was healthy: repeated drops do not grow the backoff.
    retry: { resetAfter: 5000, maxDelay: 10_000 },
    status: (status) => statuses.next(status),
  });

  let rowId = 0;
  const transitions = watch.events.pipe(
    ofType('stack', 'service', 'container'),
    stateTransitions(),
    // A resource listed at the first connection is not a transition: the cache shows it. Nor
    // is the delete of a resource whose life this page never saw.
    filter((t) => !(t.from === undefined && (isSynthetic(t.event) || t.event.action === 'delete'))),
    map((t) => transitionRow(t, rowId++)),
  );
  const ended = watch.events.pipe(
    ofType('service'),
    groupByResource(),
    mergeMap((group) =>
      group.pipe(
        count(),
        map((events): TransitionRow => ({
          id: rowId++,
          type: 'service',
          shortId: (parseResourceUri(group.key)?.uuid ?? group.key).slice(0, 8),
          from: undefined,
          to: 'Terminated',
          tone: stateTone('Terminated'),
          datetime: undefined,
          resync: false,
          endedAfter: events,
        })),
      ),
    ),
  );

  const connection = statuses.pipe(
    scan((view, status) => nextConnectionView(view, status, Date.now()), INITIAL_CONNECTION),
    startWith(INITIAL_CONNECTION),
  );
  // The badge counts down while a retry is pending, and is drawn once per change otherwise.
  const connectionNow = connection.pipe(
    switchMap((view) =>
      (view.retryAt === undefined ? of(0) : interval(200).pipe(startWith(0))).pipe(map(() => ({ view, now: Date.now() }))),
    ),
  );

  return combineLatest({
    connection: connectionNow,
    stacks: watch.cache.pipe(map(groupResources), startWith([])),
    events: watch.events.pipe(
      filter((event) => !isSynthetic(event)),
      scan((n) => n + 1, 0),
      startWith(0),
    ),
    feed: merge(transitions, ended).pipe(scan(pushRow, [] as readonly TransitionRow[]), startWith([] as readonly TransitionRow[])),
  })
    .pipe(throttleTime(0, animationFrameScheduler, { leading: true, trailing: true }))
    .subscribe({
      next: ({ connection: { view, now }, stacks, events, feed }) =>
        renderDashboard(root, { connection: view, now, stacks, events, feed, host: origin.host, namespace: session.namespace }),
      // The stream reports its own end (with the error's message) on the status channel.
      error: () => undefined,
    });
}
