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
  tap,
  throttleTime,
  type Subscription,
} from 'rxjs';
import {
  createDetailsCache,
  groupByResource,
  isEndOfLife,
  isSynthetic,
  normalizeResourceUri,
  ofType,
  parseResourceUri,
  stateTransitions,
  watchResources,
  type ResourceDetails,
  type WatchStatus,
} from '../index.js';
import { INITIAL_CONNECTION, nextConnectionView } from './connectionView.js';
import type { DashboardSession } from './DashboardSession.js';
import { stateTone } from '../display/stateTone.js';
import { groupResources } from './groupResources.js';
import { renderDashboard } from './renderDashboard.js';
import { pushRow, transitionRow, type TransitionRow } from './transitionRow.js';

/** How many ended resources keep their names while the page still shows them. */
const ENDED_NAMES = 256;

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
 * - the resources come from the watch's cache (a `resourceView` of the live resources), named
 *   by a details cache (`createDetailsCache`) that takes the watch's listings first;
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

  // Names and images: the watch's listings give those of the resources listed; the cache
  // fetches those created since, once each, and refreshes a service that redeployed.
  const names = createDetailsCache({
    url: `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`,
    restUrl: origin.origin,
    auth: { user: session.user, apiKey: session.apiKey, in: 'query' },
    watch,
    kinds: ['stack', 'service', 'container'],
    retry: { maxDelay: 10_000 },
  });

  // What is known of a resource: fetched, listed, or kept past its end.
  const endedNames = new Map<string, ResourceDetails>();
  const detailsOf = (uri: string): ResourceDetails | undefined =>
    names.get(uri) ?? watch.details(uri) ?? endedNames.get(normalizeResourceUri(uri));

  let rowId = 0;
  const transitions = watch.events.pipe(
    ofType('stack', 'service', 'container'),
    stateTransitions(),
    // A resource listed at the first connection is not a transition: the cache shows it. Nor
    // is the delete of a resource whose life this page never saw.
    filter((t) => !(t.from === undefined && (isSynthetic(t.event) || t.event.action === 'delete'))),
    map((t) => transitionRow(t, rowId++, detailsOf(t.resource_uri)?.name)),
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

  // The cache follows the resources the watch shows: fetched when first seen, forgotten at their
  // end. A resource shown after its end (a `Terminated` container until its `delete`) keeps its name.
  const following = watch.events
    .pipe(
      tap((event) => {
        const details = isEndOfLife(event) ? names.get(event.resource_uri) : undefined;
        if (details === undefined) return;
        if (endedNames.size >= ENDED_NAMES) endedNames.delete(endedNames.keys().next().value!);
        endedNames.set(normalizeResourceUri(event.resource_uri), details);
      }),
      names.follow(),
    )
    .subscribe({ error: () => undefined });
  const page = combineLatest({
    connection: connectionNow,
    stacks: combineLatest([watch.cache, names.updates.pipe(startWith(undefined))]).pipe(
      map(([view]) => groupResources(view, detailsOf)),
      startWith([]),
    ),
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
  page.add(following);
  return page;
}
