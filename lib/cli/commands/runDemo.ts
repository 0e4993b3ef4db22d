import { BehaviorSubject, firstValueFrom, map, merge, NEVER, share, Subject, Subscription, tap, timer, type Observable } from 'rxjs';
import type { Emulator } from '../../emulator/Emulator.js';
import { startEmulator } from '../../emulator/startEmulator.js';
import type { CloudEvent } from '../../model/CloudEvent.js';
import type { ResourceEvent } from '../../model/ResourceEvent.js';
import { streamEvents } from '../../node/streamEvents.js';
import { ofType } from '../../operators/ofType.js';
import { resourceView, type ResourceView } from '../../operators/resourceView.js';
import { settled } from '../../operators/settled.js';
import { normalizeResourceUri } from '../../uri/normalizeResourceUri.js';
import type { CliIo } from '../CliIo.js';
import { formatDemoTransition } from '../demo/formatDemoTransition.js';
import { formatResync } from '../demo/formatResync.js';
import { formatServiceEnded } from '../demo/formatServiceEnded.js';
import { formatSettled } from '../demo/formatSettled.js';
import { formatSummary } from '../demo/formatSummary.js';
import { listResources } from '../demo/listResources.js';
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
  /** `--drop-every`: ms between the connection drops the demo causes; 0: never. Default 10 s. */
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
 * A connection that stayed open this long counts as healthy and resets the backoff. The
 * default (60 s) is longer than the demo's drop interval, so the backoff would only grow.
 */
const RESET_AFTER = 5_000;

interface Counts {
  transitions: number;
  resyncTransitions: number;
  reconnects: number;
  settled: number;
  servicesEnded: number;
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
 * - `resourceView` keeps the live services and containers, which a REST listing is compared
 *   with at start and after each reconnection: the resync, whose differences flow through
 *   the same pipeline, tagged `(resync)`.
 *
 * The demo makes the emulator drop the connection every `dropEvery` ms and send a bad frame
 * every `badFrameEvery` events, so the reconnection (countdown on stderr), the resync, and the
 * counting of rejected frames show. It runs until Ctrl-C, or for `duration` (20 s by default
 * when `CI` is set or stdout is not a terminal), then prints a summary. Resolves with the exit
 * code.
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
  let dropper: ReturnType<typeof setInterval> | undefined;
  try {
    const { user, apiKey, namespace, authorization } = emulator.credentials;
    if (badFrameEvery > 0) {
      // For every connection the demo will open (a million is more than it ever opens).
      emulator.faults.next({ kind: 'malformed', frames: ['json', 'shape'], every: badFrameEvery, count: Infinity }, { count: 1_000_000 });
    }
    const rate = options.rate ?? 10;
    terminal.line(out.bold(`dockercloud-rx demo: a Docker Cloud emulator on ${emulator.url} (seed ${options.seed ?? 1}, ${rate === 'max' ? 'max' : `${rate}`} events/s)`));
    terminal.line(out.dim('  each service and the containers under it: groupByResource, stateTransitions, underParent'));
    terminal.line(out.dim(`  ✓ when all services settle: settled(${QUIET_TIME}, { live }); ⟳ resync: resourceView compared with a REST listing`));
    const faults = [
      dropEvery > 0 ? `drops the connection every ${dropEvery / 1000} s` : undefined,
      badFrameEvery > 0 ? `sends a bad frame every ${badFrameEvery} events` : undefined,
    ].filter((part) => part !== undefined);
    if (faults.length > 0) terminal.line(out.dim(`  the emulator ${faults.join(' and ')}`));
    terminal.line(out.dim(duration === undefined ? '  Ctrl-C to stop' : `  stopping after ${duration / 1000} s (--duration)`));
    terminal.line('');

    const counts: Counts = { transitions: 0, resyncTransitions: 0, reconnects: 0, settled: 0, servicesEnded: 0 };
    const fromRest = new WeakSet<object>();
    const resync$ = new Subject<ResourceEvent>();
    const fatal$ = new Subject<unknown>();
    let view: ResourceView = new Map();
    let lastDatetime: string | undefined;
    let stopped = false;
    // Whether the view can be trusted: false from the moment the connection is lost (or a
    // new one opens) until its resync has been applied. Silence while it is false is an
    // outage, not quiet: `settled` holds meanwhile.
    const live = new BehaviorSubject(false);
    // Which connection a resync belongs to: one that answers after the next drop is stale.
    let connection = 0;
    let connected = false;

    const resync = async (reconnected: boolean): Promise<void> => {
      const listedFor = connection;
      try {
        const services = await listResources(emulator.restUrl, namespace, 'service', authorization);
        const containers = await listResources(emulator.restUrl, namespace, 'container', authorization);
        if (stopped) return;
        const listed = [...services, ...containers];
        const keys = new Set(listed.map((event) => normalizeResourceUri(event.resource_uri)));
        const before = view;
        let changed = 0;
        for (const event of listed) if (before.get(normalizeResourceUri(event.resource_uri))?.state !== event.state) changed++;
        // What the stream said exists but REST no longer lists ended unseen: its final state is unknown.
        const vanished: ResourceEvent[] = [];
        for (const [key, event] of before) {
          if (keys.has(key)) continue;
          vanished.push({ type: event.type, action: 'delete', parents: event.parents, resource_uri: event.resource_uri, state: 'Terminated' });
        }
        terminal.line(formatResync({ reconnected, services: services.length, containers: containers.length, changed: changed + vanished.length }, out));
        for (const event of [...listed, ...vanished]) {
          fromRest.add(event);
          resync$.next(event);
        }
        if (listedFor === connection && connected) live.next(true);
      } catch (error) {
        if (!stopped) terminal.status(terminal.err.magenta(`! resync failed: ${describeFailure(error).message}`));
      }
    };

    const live$ = streamEvents({
      url: emulator.url,
      auth: { user, apiKey },
      // The demo's own emulator only: none of the DOCKERCLOUD_* settings of the shell.
      env: {},
      retry: { resetAfter: RESET_AFTER },
      status: (status) => {
        reporter.report(status);
        if (status.kind === 'connecting' || status.kind === 'reconnecting' || status.kind === 'closed') {
          connected = false;
          live.next(false);
        }
        if (status.kind !== 'open') return;
        connection++;
        connected = true;
        live.next(false);
        if (status.reconnected) counts.reconnects++;
        void resync(status.reconnected);
      },
    }).pipe(
      tap((event) => {
        const datetime = (event as { readonly datetime?: unknown }).datetime;
        if (typeof datetime === 'string') lastDatetime = datetime;
      }),
    );

    const events$: Observable<CloudEvent> = merge(live$, resync$).pipe(share());
    const services$ = events$.pipe(ofType('service'));
    const onError = { error: (error: unknown) => fatal$.next(error) };

    subscriptions.add(
      serviceStories(events$, { isResync: (event) => fromRest.has(event), datetime: () => lastDatetime }).subscribe({
        next: (story) => {
          if (story.kind === 'ended') {
            counts.servicesEnded++;
            terminal.line(formatServiceEnded(story.service, story.states, out));
            return;
          }
          counts.transitions++;
          if (story.line.resync) counts.resyncTransitions++;
          terminal.line(formatDemoTransition(story.line, { palette: out, utc: options.utc }));
        },
        ...onError,
      }),
    );
    subscriptions.add(
      services$.pipe(settled(QUIET_TIME, { live })).subscribe({
        next: (services) => {
          counts.settled++;
          terminal.line(formatSettled(services, out));
        },
        ...onError,
      }),
    );
    subscriptions.add(
      events$.pipe(ofType('service', 'container'), resourceView()).subscribe({ next: (next) => (view = next), ...onError }),
    );

    if (dropEvery > 0) {
      dropper = setInterval(() => {
        if (emulator.faults.dropAll() > 0) terminal.status(terminal.err.dim('⚡ the emulator dropped the connection (a fault the demo injects)'));
      }, dropEvery);
    }

    const stop = await firstValueFrom(
      merge(
        stopRequests(io).pipe(map(() => ({ error: undefined }))),
        duration === undefined ? NEVER : timer(duration).pipe(map(() => ({ error: undefined }))),
        fatal$.pipe(map((error) => ({ error }))),
      ),
    );
    stopped = true;
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
        elapsed: Date.now() - started,
        events: counters?.events ?? 0,
        transitions: counts.transitions,
        resyncTransitions: counts.resyncTransitions,
        reconnects: counts.reconnects,
        rejected: counters?.rejected ?? 0,
        settled: counts.settled,
        servicesLive: [...view.values()].filter((event) => event.type === 'service').length,
        servicesEnded: counts.servicesEnded,
      },
      out,
    );
    for (const line of summary) terminal.line(line);
    return ExitCode.ok;
  } finally {
    subscriptions.unsubscribe();
    if (dropper !== undefined) clearInterval(dropper);
    reporter.dispose();
    await emulator.stop();
    terminal.dispose();
  }
}

