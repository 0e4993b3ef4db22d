// Benchmark 4: latency from the emulator's send to the subscriber, at a steady 10k events/s.

import { bareWs, libraryClient, libraryPipeline, type ClientKind } from './clients.js';
import { EmulatorProcess } from './emulatorControl.js';
import { median, percentile, sharedClock, sleep, type BenchSettings, type Progress, type TargetResult } from './harness.js';
import { BENCH_WORLD } from './recordEvents.js';

/** The latencies of one client, in ms (medians over the rounds). */
export interface LatencyRow {
  readonly name: string;
  readonly note: string;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  /**
   * The p99 of every latency of the client's rounds pooled, over the same of `ws + JSON.parse`:
   * the rounds are interleaved, so both pools saw the same moments of the machine, which one
   * 10-s round alone does not (its p99 is the machine's scheduling, and varies ×2 between rounds).
   */
  readonly p99Ratio: number;
  readonly p50Ratio: number;
  /** Events matched per round (sent during the window and received). */
  readonly samples: number;
  /** The sorted latencies of the last round, for the plot. */
  readonly distribution: Float64Array;
}

/** What benchmark 4 reports. */
export interface LatencyBenchResult {
  readonly rate: number;
  readonly seconds: number;
  /** The rate actually sent during the windows, events/s. */
  readonly sentRate: number;
  /** How far the emulator process's clock was from ours (ms), and the round trip that told. */
  readonly clockOffset: number;
  readonly clockRoundTrip: number;
  readonly rows: readonly LatencyRow[];
  readonly targets: readonly TargetResult[];
}

interface Round {
  sorted: Float64Array;
  sent: number;
}

/**
 * A number standing for a uuid: its first 13 hex digits (52 bits, exact in a double), read
 * without allocating. Two uuids of one round share it with a chance of about 10⁻⁶.
 */
function uuidId(uuid: string): number {
  let id = 0;
  let digits = 0;
  for (let i = 0; i < uuid.length && digits < 13; i++) {
    const c = uuid.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (v < 0) continue;
    id = id * 16 + v;
    digits++;
  }
  return id;
}

async function measure(kind: ClientKind, emulator: EmulatorProcess, seconds: number, offset: number, rate: number): Promise<Round> {
  // What arrived, written into arrays allocated up front while the clock runs: the client's
  // heap must not grow with the measurement (a growing Map rehashes, retained strings make
  // every young-generation collection longer), or the tail would charge it to the client.
  const capacity = Math.ceil(rate * (seconds + 2) * 1.5);
  const receivedIds = new Float64Array(capacity);
  const receivedTimes = new Float64Array(capacity);
  let received = 0;
  let recording = false;
  const close = kind.open(emulator, (event) => {
    const uuid = (event as { readonly uuid?: unknown }).uuid;
    if (recording && typeof uuid === 'string' && received < capacity) {
      receivedTimes[received] = sharedClock();
      receivedIds[received++] = uuidId(uuid);
    }
  });
  try {
    await sleep(1000);
    recording = true;
    await emulator.request({ cmd: 'recordStart' });
    await sleep(seconds * 1000);
    const { uuids, sentAt } = (await emulator.request({ cmd: 'recordStop' })) as { uuids: string[]; sentAt: number[] };
    await sleep(100);
    recording = false;
    const receivedAt = new Map<number, number>();
    for (let i = 0; i < received; i++) receivedAt.set(receivedIds[i]!, receivedTimes[i]!);
    const latencies: number[] = [];
    for (let i = 0; i < uuids.length; i++) {
      const at = receivedAt.get(uuidId(uuids[i]!));
      // The emulator's clock, read in ours.
      if (at !== undefined) latencies.push(at - (sentAt[i]! - offset));
    }
    const sorted = Float64Array.from(latencies).sort();
    return { sorted, sent: uuids.length };
  } finally {
    close();
    await sleep(200);
  }
}

/** The limit of target 4: streamEvents' p99 over the bare ws client's, in the same rounds. */
const P99_LIMIT = 1.2;

/** The clients of benchmark 4, the baseline first. */
export const LATENCY_CLIENTS: readonly ClientKind[] = [bareWs, libraryClient, libraryPipeline];

/**
 * Benchmark 4. The emulator process sends `rate` events a second (its token bucket on the
 * monotonic clock); each client in turn listens for `seconds`, `settings.runs` rounds. The
 * emulator's recorder stamps every event just before it goes out; the client stamps it when
 * its subscriber gets it; both on `performance.timeOrigin + performance.now()`, corrected by
 * the offset between the two processes measured over IPC.
 */
export async function runLatencyBench(
  emulatorScript: string,
  rate: number,
  seconds: number,
  settings: BenchSettings,
  progress: Progress,
): Promise<LatencyBenchResult> {
  const emulator = await EmulatorProcess.start(emulatorScript, { seed: 13, rate, world: BENCH_WORLD, pingInterval: 0 });
  try {
    const clock = await emulator.clockOffset();
    const rounds = new Map<string, Round[]>(LATENCY_CLIENTS.map((kind) => [kind.name, []]));
    for (let round = 0; round < settings.runs; round++) {
      // Each round starts with another client, so that no client always follows the same one.
      const order = LATENCY_CLIENTS.map((_, i) => LATENCY_CLIENTS[(i + round) % LATENCY_CLIENTS.length]!);
      for (const kind of order) {
        progress.tick(`latency: round ${round + 1}/${settings.runs}, ${kind.name} for ${seconds} s`);
        rounds.get(kind.name)!.push(await measure(kind, emulator, seconds, clock.offset, rate));
      }
    }
    progress.done('latency: done');
    const baseline = rounds.get(bareWs.name)!;
    const pooled = (rs: readonly Round[]): Float64Array => {
      const all = new Float64Array(rs.reduce((n, r) => n + r.sorted.length, 0));
      let at = 0;
      for (const r of rs) {
        all.set(r.sorted, at);
        at += r.sorted.length;
      }
      return all.sort();
    };
    const baselineP99 = percentile(pooled(baseline), 99);
    const rows = LATENCY_CLIENTS.map((kind): LatencyRow => {
      const rs = rounds.get(kind.name)!;
      const at = (p: number): number => median(rs.map((r) => percentile(r.sorted, p)));
      return {
        name: kind.name,
        note: kind.note,
        p50: at(50),
        p90: at(90),
        p99: at(99),
        p999: at(99.9),
        max: median(rs.map((r) => r.sorted[r.sorted.length - 1] ?? NaN)),
        p99Ratio: percentile(pooled(rs), 99) / baselineP99,
        p50Ratio: median(rs.map((r, i) => percentile(r.sorted, 50) / percentile(baseline[i]!.sorted, 50))),
        samples: median(rs.map((r) => r.sorted.length)),
        distribution: rs[rs.length - 1]!.sorted,
      };
    });
    const sentRate = median([...rounds.values()].flat().map((r) => r.sent / seconds));
    const ours = rows.find((r) => r.name === libraryClient.name)!;
    const targets: TargetResult[] = [
      {
        benchmark: '4. latency',
        target: `streamEvents p99 ≤ ${P99_LIMIT.toFixed(1)} × ws + JSON.parse's, rounds interleaved and pooled, at ${rate.toLocaleString('en-US')} events/s`,
        measured: `${ours.p99Ratio.toFixed(2)} × (pooled p99 ${(ours.p99Ratio * baselineP99).toFixed(3)} ms, ws + JSON.parse ${baselineP99.toFixed(3)} ms)`,
        holds: settings.quick ? undefined : ours.p99Ratio <= P99_LIMIT,
      },
    ];
    return { rate, seconds, sentRate, clockOffset: clock.offset, clockRoundTrip: clock.roundTrip, rows, targets };
  } finally {
    await emulator.stop();
  }
}
