// Chaos against the emulator, over real sockets on loopback: seeded runs with random
// disconnects (dropped connections, drops after N messages, closes, stalls, refused
// handshakes), rejected frames, and a REST API that is slow and fails at random. At the end of
// every run, once the world is paused, the watch's cache must equal the emulator's truth.
//
// A seed fixes the world, the scenario and the faults; the timing is the machine's, so a run
// is not replayed exactly. CHAOS_SEEDS and CHAOS_CONCURRENCY size the run; a failing seed
// prints its statuses, and CHAOS_TRACE=<seed> (or `final`: the runs that ended on a listing
// made after the pause) prints others'.
import type { Subscription } from 'rxjs';
import { startEmulator, type ConnectionFault, type Emulator } from '../../lib/emulator/index.js';
import { isEndOfLife, normalizeResourceUri, RESOURCE_TYPES, type ResourceType } from '../../lib/index.js';
import { watchResources } from '../../lib/node/watchResources.js';
import type { RestFetch } from '../../lib/resync/RestFetch.js';
import type { ResourceView } from '../../lib/operators/resourceView.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';

const SEEDS = Number(process.env['CHAOS_SEEDS'] ?? 320);
const CONCURRENCY = Number(process.env['CHAOS_CONCURRENCY'] ?? 12);
const RUN_MS = 700;
const QUIET_MS = 300;
const CONVERGE_MS = 8000;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Scenario {
  readonly kinds: readonly [ResourceType, ...ResourceType[]];
  readonly parent?: string;
  readonly pageSize: number;
}

interface SeedResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly diff: string[];
  readonly lists: number;
  readonly reconnects: number;
  readonly synthetic: number;
  readonly faults: number;
  readonly events: number;
  /** Listings during which events arrived, to be reconciled against them. */
  readonly raced: number;
  /** Whether the cache at the end came from live events after a listing made while the world ran. */
  readonly liveAtEnd: boolean;
}

type Entry = { readonly state: string | undefined; readonly parents: string };

function truthOf(emulator: Emulator, scenario: Scenario): Map<string, Entry> {
  const truth = new Map<string, Entry>();
  for (const kind of scenario.kinds) {
    for (const resource of emulator.world.resources(kind)) {
      if (isEndOfLife({ type: kind, action: 'update', state: resource.state })) continue;
      if (
        scenario.parent !== undefined &&
        !resource.parents.some((p) => normalizeResourceUri(p) === normalizeResourceUri(scenario.parent!))
      )
        continue;
      truth.set(normalizeResourceUri(resource.resource_uri), { state: resource.state, parents: resource.parents.join(' ') });
    }
  }
  return truth;
}

function cacheOf(view: ResourceView<WatchedEvent> | undefined): Map<string, Entry> {
  const cache = new Map<string, Entry>();
  for (const [key, event] of view ?? []) cache.set(key, { state: event.state, parents: event.parents.join(' ') });
  return cache;
}

function differences(truth: Map<string, Entry>, cache: Map<string, Entry>): string[] {
  const diff: string[] = [];
  for (const [key, entry] of truth) {
    const cached = cache.get(key);
    if (cached === undefined) diff.push(`missing ${key} (${entry.state})`);
    else if (cached.state !== entry.state || cached.parents !== entry.parents)
      diff.push(`${key}: cache ${cached.state}, truth ${entry.state}`);
  }
  for (const [key, entry] of cache) if (!truth.has(key)) diff.push(`extra ${key} (${entry.state})`);
  return diff;
}

async function runSeed(seed: number): Promise<SeedResult> {
  const random = mulberry32(seed * 7919 + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const emulator = await startEmulator({
    seed,
    rate: 150 + Math.floor(random() * 300),
    pingInterval: 0,
    world: { nodeClusters: 1, nodesPerCluster: 2, stacks: 2, servicesPerStack: 2, containersPerService: 2, failureRate: 0.1 },
  });
  const { user, apiKey, namespace } = emulator.credentials;
  const scenario: Scenario = pick<Scenario>([
    { kinds: [...RESOURCE_TYPES] as [ResourceType, ...ResourceType[]], pageSize: 100 },
    { kinds: [...RESOURCE_TYPES] as [ResourceType, ...ResourceType[]], pageSize: 10 },
    { kinds: ['service', 'container'], pageSize: 2 },
    { kinds: ['container', 'node', 'action'], pageSize: 100 },
    {
      kinds: ['service', 'container'],
      parent: emulator.world.resources('stack')[0]!.resource_uri,
      pageSize: pick([2, 100]),
    },
  ]);

  // REST that is slow on both legs (so events arrive while a listing is in flight, before
  // and after its snapshot) and fails now and then.
  const fetch: RestFetch = async (url, init) => {
    await sleep(random() * 12);
    const roll = random();
    if (roll < 0.08) return { status: 503, json: () => ({ error: 'unavailable' }) };
    if (roll < 0.12) throw new TypeError('fetch failed');
    const response = await globalThis.fetch(url, init);
    const body: unknown = await response.json();
    await sleep(random() * 12);
    return { status: response.status, json: () => body };
  };

  let view: ResourceView<WatchedEvent> | undefined;
  let lists = 0;
  let reconnects = 0;
  let synthetic = 0;
  let failure: unknown;
  let lastSync = 0;
  let raced = 0;
  const trail: string[] = [];
  const t0 = Date.now();
  const watch = watchResources({
    kinds: scenario.kinds,
    ...(scenario.parent !== undefined ? { parents: scenario.parent } : {}),
    url: emulator.url,
    restUrl: emulator.restUrl,
    namespace,
    auth: { user, apiKey },
    env: {},
    fetch,
    pageSize: scenario.pageSize,
    retry: { baseDelay: 10, maxDelay: 80, minInterval: 5, resetAfter: 500 },
    connectTimeout: 1000,
    idleTimeout: 120,
    pongTimeout: 80,
    status: (status: WatchStatus) => {
      trail.push(`${Date.now() - t0} ${status.kind}${'error' in status && status.error ? ` ${status.error.message}` : ''}`);
      if (trail.length > 200) trail.shift();
      if (status.kind === 'synced') {
        ({ lists, synthetic } = status.counters);
        lastSync = Date.now();
        if (status.buffered > 0) raced += 1;
      }
      if (status.kind === 'open') reconnects = status.counters.reconnects;
    },
  });
  const subscriptions: Subscription[] = [
    watch.cache.subscribe({ next: (v) => (view = v), error: (e: unknown) => (failure = e) }),
    // A second consumer of the same watch, as a pipeline would be.
    watch.events.subscribe({ error: (e: unknown) => (failure = e) }),
  ];

  // The chaos: a fault every 30–150 ms for RUN_MS.
  let faults = 0;
  const started = Date.now();
  while (Date.now() - started < RUN_MS) {
    await sleep(30 + random() * 120);
    const live = emulator.connections.filter((c) => c.state === 'open');
    const connection = live.length > 0 ? pick(live) : undefined;
    const roll = random();
    faults += 1;
    if (roll < 0.2) emulator.faults.dropAll();
    else if (roll < 0.35) connection?.inject({ kind: 'drop', afterMessages: Math.floor(random() * 20) });
    else if (roll < 0.45) emulator.faults.next({ kind: 'drop', afterMessages: Math.floor(random() * 10) });
    else if (roll < 0.55)
      connection?.inject({ kind: 'close', code: pick([1000, 1001, 1011, 4000]), afterMessages: Math.floor(random() * 10) });
    else if (roll < 0.62) connection?.inject({ kind: 'stall', afterMessages: Math.floor(random() * 10) });
    else if (roll < 0.8) {
      const fault: ConnectionFault = {
        kind: 'malformed',
        frames: ['json', 'shape', 'binary'],
        every: 1 + Math.floor(random() * 5),
        count: 1 + Math.floor(random() * 5),
      };
      connection?.inject(fault);
    } else if (roll < 0.88) emulator.faults.refuseHandshakes({ status: pick([500, 502, 503]), count: 1 + Math.floor(random() * 2) });
    else faults -= 1; // a quiet moment
  }

  // A quiet moment with the world still running, so that most runs end on a listing made
  // under way and the live events after it; then the world stops, and the watch must
  // converge on the truth and stay there.
  emulator.faults.clear();
  await sleep(QUIET_MS);
  emulator.pause();
  const pausedAt = Date.now();
  const truth = truthOf(emulator, scenario);
  let diff = differences(truth, cacheOf(view));
  const deadline = Date.now() + CONVERGE_MS;
  while (diff.length > 0 && failure === undefined && Date.now() < deadline) {
    await sleep(20);
    diff = differences(truth, cacheOf(view));
  }
  if (diff.length === 0) {
    // Still equal a moment later: converged, not passing through.
    await sleep(30);
    diff = differences(truth, cacheOf(view));
  }
  if (failure !== undefined) diff.unshift(`failed: ${failure instanceof Error ? String(failure) : JSON.stringify(failure)}`);
  const trace = process.env['CHAOS_TRACE'];
  if (diff.length > 0 || trace === String(seed) || (trace === 'final' && lastSync >= pausedAt)) {
    console.log(`seed ${seed}`, scenario, `paused at ${pausedAt - t0} ms`, `\n${trail.join('\n')}`);
  }
  for (const subscription of subscriptions) subscription.unsubscribe();
  const events = emulator.world.eventCount;
  await emulator.stop();
  return {
    seed,
    ok: diff.length === 0,
    diff: diff.slice(0, 10),
    lists,
    reconnects,
    synthetic,
    faults,
    events,
    raced,
    liveAtEnd: lastSync < pausedAt,
  };
}

describe('watchResources under chaos, against the emulator', () => {
  it(`ends with the cache equal to the emulator's world, in every one of ${SEEDS} seeds`, async () => {
    const started = Date.now();
    const results: SeedResult[] = [];
    let next = 1;
    const worker = async (): Promise<void> => {
      while (next <= SEEDS) {
        const seed = next++;
        results.push(await runSeed(seed));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const failed = results.filter((r) => !r.ok);
    const sum = (f: (r: SeedResult) => number): number => results.reduce((total, r) => total + f(r), 0);
    // The figures of the run, for the CI log.
    console.log(
      `chaos: ${results.length} seeds in ${seconds} s (${CONCURRENCY} at a time): ${failed.length} failed; ` +
        `${sum((r) => r.events)} events, ${sum((r) => r.faults)} faults, ${sum((r) => r.reconnects)} reconnects, ` +
        `${sum((r) => r.lists)} listings (${sum((r) => r.raced)} with events buffered meanwhile), ${sum((r) => r.synthetic)} synthetic events; ` +
        `${results.filter((r) => r.liveAtEnd).length} seeds ended on live events, not on a final listing`,
    );
    expect(failed.map((r) => ({ seed: r.seed, diff: r.diff }))).toEqual([]);
    expect(results).toHaveLength(SEEDS);
  }, 120_000);
});
