import { filter, firstValueFrom, map, merge, mergeMap, NEVER, race, share, Subject, Subscription, takeUntil, tap, timer } from 'rxjs';
import type { Emulator } from '../../emulator/Emulator.js';
import { startEmulator } from '../../emulator/startEmulator.js';
import type { ContainerEvent, ServiceEvent } from '../../model/ResourceEvent.js';
import { watchResources } from '../../node/watchResources.js';
import { createDetailsCache } from '../../node/createDetailsCache.js';
import { isEndOfLife } from '../../model/isEndOfLife.js';
import { RecentlyEnded } from '../../tracking/RecentlyEnded.js';
import { terminalSafe } from '../terminalSafe.js';
import { ofType } from '../../operators/ofType.js';
import type { ResourceView } from '../../operators/resourceView.js';
import { settled } from '../../operators/settled.js';
import { isSynthetic, type WatchedEvent } from '../../resync/WatchedEvent.js';
import type { WatchStatus } from '../../resync/WatchStatus.js';
import { normalizeResourceUri } from '../../uri/normalizeResourceUri.js';
import type { CliIo } from '../CliIo.js';
import { formatDemoTransition } from '../demo/formatDemoTransition.js';
import { formatResync } from '../demo/formatResync.js';
import { formatServiceEnded } from '../demo/formatServiceEnded.js';
import { formatSettled } from '../demo/formatSettled.js';
import { formatSummary, type ViewCheck } from '../demo/formatSummary.js';
import { formatVanished } from '../demo/formatVanished.js';
import { serviceStories } from '../demo/serviceStories.js';
import { describeFailure } from '../describeFailure.js';
import { ExitCode } from '../ExitCode.js';
import { StatusReporter } from '../StatusReporter.js';
import { stopRequests } from '../stopRequests.js';
import { Terminal } from '../Terminal.js';

/** The options of `dockercloud-rx demo`, as parsed. */
export interface DemoCommandOptions {
  /** `--duration`, in ms. Default: until Ctrl-C at a terminal; 20 s when `CI` is set or stdout is not a terminal. */
  readonly duration?: number;
  /** `--seed` of the emulator. Default 1. */
  readonly seed?: number | string;
  /** `--rate` of the emulator, events per second. Default 10. */
  readonly rate?: number | 'max';
  /** `--drop-every`: how long each connection lives before the demo drops it, in ms; 0: never. Default 10 s. */
  readonly dropEvery?: number;
  /** `--bad-frame-every`: events between the malformed frames the emulator sends; 0: never. Default 40. */
  readonly badFrameEvery?: number;
  /** `--utc`. */
  readonly utc?: boolean;
  /** `--quiet`: no status lines on stderr. */
  readonly quiet?: boolean;
  /** `--color` / `--no-color`. */
  readonly color?: boolean;
}

/** The duration of a demo that nobody can stop with Ctrl-C (CI, or stdout not a terminal). */
export const UNATTENDED_DURATION = 20_000;
const DEFAULT_DROP_EVERY = 10_000;
const DEFAULT_BAD_FRAME_EVERY = 40;
/** How long the services must all be settled and quiet before `settled` says so, in ms. */
const QUIET_TIME = 500;
/**
 * A connection that stayed open this long (or half the drop interval, if shorter) counts as
 * healthy and resets the backoff. The default (60 s) is longer than the demo's drop interval,
 * so the backoff would only grow, and a drop near the end would leave no time to resync.
 */
const RESET_AFTER = 5_000;
/** How long the demo waits, once stopped, for its view to catch up with the emulator's world. */
const CHECK_WITHIN = 3_000;

interface Counts {
  transitions: number;
  resyncTransitions: number;
  reconnects: number;
  resyncs: number;
  settled: number;
  servicesEnded: number;
}

type DemoEvent = WatchedEvent<ServiceEvent | ContainerEvent>;

/**
 * The demo's view (the watch's cache) compared with the emulator's world: the services and
 * containers REST would list now, each in the state the view holds, and nothing more.
 */
function compareWithWorld(view: ResourceView<DemoEvent>, emulator: Emulator): ViewCheck {
  const world = [...emulator.world.resources('service'), ...emulator.world.resources('container')];
  const keys = new Set<string>();
  let differing = 0;
  for (const resource of world) {
    const key = normalizeResourceUri(resource.resource_uri);
    keys.add(key);
    if (view.get(key)?.state !== resource.state) differing++;
  }
  for (const key of view.keys()) if (!keys.has(key)) differing++;
  return { resources: world.length, differing };
}

/**
 * `dockercloud-rx demo`: starts the emulator in this process on a free loopback port and runs
 * a live pipeline of the library against it:
 *
 * - `groupByResource` splits the services into one group each, ending with the service;
 * - in each group, `stateTransitions` of the service and of the containers `underParent` it,
 *   printed as one block of colour per service, and the service's life when its group ends;
 * - `settled` says when every service has settled and the stream is quiet, never while the
 *   connection is down or a resync is in flight (its `live` signal);
 * - `watchResources` (list, then watch) keeps the live services and containers: it lists
 *   them over REST at start and after each reconnection, and what changed while the stream
 *   was down flows through the same pipeline as synthetic events, tagged `(resync)`; a
 *   resource gone meanwhile is shown `gone`, its final state unknown.
 *
 * The demo makes the emulator drop each connection `dropEvery` ms after it opened (timed from
 * the emulator's `connectionChanges`) and send a bad frame
 * every `badFrameEvery` events, so the reconnection (countdown on stderr), the resync, and the
 * counting of rejected frames show. It runs until Ctrl-C, or for `duration` (20 s by default
 * when `CI` is set or stdout is not a terminal), then pauses the emulator, compares the
 * watch's cache with the emulator's world (waiting up to 3 s for a pending resync: the
 * drops lost events, the resyncs repaired the view) and prints a summary. Resolves with the
 * exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runDemo({ duration: 5000 }, processIo());
 * ```
 */
export async function runDemo(options: DemoCommandOptions, io: CliIo): Promise<ExitCode> {
  const terminal = new Terminal(io, { color: options.color, quiet: options.quiet });
  const reporter = new StatusReporter(terminal);
  const unattended = (io.env['CI'] ?? '') !== '' || io.stdout.isTTY !== true;
  const duration = options.duration ?? (unattended ? UNATTENDED_DURATION : undefined);
  const dropEvery = options.dropEvery ?? DEFAULT_DROP_EVERY;
  const badFrameEvery = options.badFrameEvery ?? DEFAULT_BAD_FRAME_EVERY;
  const out = terminal.out;
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ seed: options.seed ?? 1, rate: options.rate ?? 10 });
  } catch (error) {
    const failure = describeFailure(error);
    terminal.error(failure.message);
    terminal.dispose();
    return failure.code;
  }
  const started = Date.now();
  const subscriptions = new Subscription();
  // The drops the demo causes: stopped before the final check, so that the view can catch up.
  const dropper = new Subscription();
  try {
    const { user, apiKey, namespace } = emulator.credentials;
    if (badFrameEvery > 0) {
      // For every connection the demo will open (a million is more than it ever opens).
      emulator.faults.next({ kind: 'malformed', frames: ['json', 'shape'], every: badFrameEvery, count: Infinity }, { count: 1_000_000 });
    }
    const rate = options.rate ?? 10;
    terminal.line(
      out.bold(
        `dockercloud-rx demo: a Docker Cloud emulator on ${emulator.url} (seed ${options.seed ?? 1}, ${rate === 'max' ? 'max' : `${rate}`} events/s)`,
      ),
    );
    terminal.line(out.dim('  each service and the containers under it: groupByResource, stateTransitions, underParent'));
    terminal.line(out.dim('  ⟳ watchResources: lists over REST, then watches, and resyncs after each reconnection'));
    terminal.line(out.dim("  names: createDetailsCache, from the watch's listings, then one REST request per new resource"));
    terminal.line(out.dim(`  ✓ when all services settle: settled(${QUIET_TIME}, { live: watch.live })`));
    const faults = [
      dropEvery > 0 ? `drops each connection ${dropEvery / 1000} s after it opens` : undefined,
      badFrameEvery > 0 ? `sends a bad frame every ${badFrameEvery} events` : undefined,
    ].filter((part) => part !== undefined);
    if (faults.length > 0) terminal.line(out.dim(`  the emulator ${faults.join(' and ')}`));
    terminal.line(out.dim(duration === undefined ? '  Ctrl-C to stop' : `  stopping after ${duration / 1000} s (--duration)`));
    terminal.line('');

    const counts: Counts = { transitions: 0, resyncTransitions: 0, reconnects: 0, resyncs: 0, settled: 0, servicesEnded: 0 };
    const fatal$ = new Subject<unknown>();
    let view: ResourceView<DemoEvent> = new Map();
    let live = false;
    let lastDatetime: string | undefined;
    // The synthetic events counted before the current resync (the watch's counters add up).
    let syntheticBefore = 0;
    let reconnected = false;

    const onStatus = (status: WatchStatus): void => {
      switch (status.kind) {
        case 'listing':
          reconnected = status.reconnected;
          return;
        case 'synced': {
          const synthetic = status.counters.synthetic - syntheticBefore;
          syntheticBefore = status.counters.synthetic;
          if (reconnected) counts.resyncs++;
          terminal.line(formatResync({ reconnected, resources: status.resources, synthetic, buffered: status.buffered }, out));
          return;
        }
        case 'list-failed': {
          const again = `again in ${(status.delay / 1000).toFixed(1)} s`;
          terminal.status(
            terminal.err.magenta(`! listing ${status.resourceKind}s failed (${describeFailure(status.error).message}), ${again}`),
          );
          return;
        }
        // Told by the watch's error, or of no interest to the demo.
        case 'failed':
        case 'dropped':
          return;
        default:
          reporter.report(status);
          if (status.kind === 'open' && status.reconnected) counts.reconnects++;
      }
    };

    // The pattern the docs tell users to adopt: one watch, its events through the operators.
    const watch = watchResources({
      kinds: ['service', 'container'],
      url: emulator.url,
      restUrl: emulator.restUrl,
      namespace,
      auth: { user, apiKey },
      // The demo's own emulator only: none of the DOCKERCLOUD_* settings of the shell.
      env: {},
      retry: { resetAfter: dropEvery > 0 ? Math.min(RESET_AFTER, dropEvery / 2) : RESET_AFTER },
      status: onStatus,
    });
    // Names over REST: the watch's listings give those of the resources listed, and the cache
    // fetches those created since (once each), forgetting each at its end.
    const names = createDetailsCache({
      url: emulator.url,
      restUrl: emulator.restUrl,
      auth: { user, apiKey },
      env: {},
      watch,
      kinds: ['service', 'container'],
      retry: { resetAfter: RESET_AFTER, maxAttempts: 3 },
    });
    // A name stays on screen for the lines after its resource ended (the service's life).
    const ended = new RecentlyEnded(1024);
    const label = (uri: string): string | undefined => {
      const name = names.get(uri)?.name ?? ended.stateOf(normalizeResourceUri(uri));
      return name === undefined || name === '' ? undefined : terminalSafe(name);
    };
    const events$ = watch.events.pipe(
      tap((event) => {
        if (!isSynthetic(event) && event.datetime !== undefined) lastDatetime = event.datetime;
        const name = isEndOfLife(event) ? names.get(event.resource_uri)?.name : undefined;
        if (name !== undefined) ended.add(normalizeResourceUri(event.resource_uri), name);
      }),
      names.follow(),
      share(),
    );
    const onError = { error: (error: unknown) => fatal$.next(error) };

    subscriptions.add(
      serviceStories(events$, { datetime: () => lastDatetime }).subscribe({
        next: (story) => {
          if (story.kind === 'ended') {
            counts.servicesEnded++;
            terminal.line(formatServiceEnded(story.service, story.states, out, label));
            return;
          }
          if (story.kind === 'vanished') {
            counts.transitions++;
            counts.resyncTransitions++;
            terminal.line(formatVanished(story.service, story.event, { palette: out, utc: options.utc, datetime: story.datetime, label }));
            return;
          }
          counts.transitions++;
          if (story.line.resync) counts.resyncTransitions++;
          terminal.line(formatDemoTransition(story.line, { palette: out, utc: options.utc, label }));
        },
        ...onError,
      }),
    );
    // Held while the stream is down or a resync lists: silence then is an outage, not quiet.
    subscriptions.add(
      events$.pipe(ofType('service'), settled(QUIET_TIME, { live: watch.live })).subscribe({
        next: (services) => {
          counts.settled++;
          terminal.line(formatSettled(services, out));
        },
        ...onError,
      }),
    );
    subscriptions.add(watch.cache.subscribe({ next: (next) => (view = next), ...onError }));
    subscriptions.add(watch.live.subscribe({ next: (next) => (live = next), ...onError }));

    if (dropEvery > 0) {
      // Each connection lives `dropEvery` ms from its authentication, as the emulator reports
      // it: nothing polls, and a connection that ends sooner is left alone.
      const closed = (id: number) =>
        emulator.connectionChanges.pipe(filter((change) => change.kind === 'closed' && change.connection.id === id));
      dropper.add(
        emulator.connectionChanges
          .pipe(
            filter((change) => change.kind === 'authenticated'),
            mergeMap(({ connection }) =>
              timer(dropEvery).pipe(
                takeUntil(closed(connection.id)),
                map(() => connection.id),
              ),
            ),
          )
          .subscribe((id) => {
            const connection = emulator.connections.find((candidate) => candidate.id === id);
            if (connection === undefined) return;
            connection.terminate();
            terminal.status(terminal.err.dim('⚡ the emulator dropped the connection (a fault the demo injects)'));
          }),
      );
    }

    const stop = await firstValueFrom(
      merge(
        stopRequests(io).pipe(map(() => ({ error: undefined }))),
        duration === undefined ? NEVER : timer(duration).pipe(map(() => ({ error: undefined }))),
        fatal$.pipe(map((error) => ({ error }))),
      ),
    );
    const elapsed = Date.now() - started;
    let check: ViewCheck | undefined;
    if (stop.error === undefined) {
      // The truth stops moving; the view catches up with the events in flight, or with the
      // resync of a connection the last drop took.
      dropper.unsubscribe();
      emulator.pause();
      check = await firstValueFrom(
        race(timer(0, 50).pipe(filter(() => live && compareWithWorld(view, emulator).differing === 0)), timer(CHECK_WITHIN), fatal$).pipe(
          map(() => compareWithWorld(view, emulator)),
        ),
      );
    }
    subscriptions.unsubscribe();
    reporter.dispose();
    if (stop.error !== undefined) {
      const failure = describeFailure(stop.error);
      terminal.error(failure.message);
      return failure.code;
    }
    const counters = reporter.counters;
    terminal.line('');
    const summary = formatSummary(
      {
        elapsed,
        events: counters?.events ?? 0,
        transitions: counts.transitions,
        resyncTransitions: counts.resyncTransitions,
        reconnects: counts.reconnects,
        resyncs: counts.resyncs,
        rejected: counters?.rejected ?? 0,
        settled: counts.settled,
        servicesLive: [...view.values()].filter((event) => event.type === 'service').length,
        servicesEnded: counts.servicesEnded,
        ...(check === undefined ? {} : { check }),
      },
      out,
    );
    for (const line of summary) terminal.line(line);
    return ExitCode.ok;
  } finally {
    subscriptions.unsubscribe();
    dropper.unsubscribe();
    reporter.dispose();
    await emulator.stop();
    terminal.dispose();
  }
}
