// Benchmark 5: a reconnect storm. Many clients of the library, dropped at once by the
// emulator, which then refuses handshakes: how their attempts spread over time.

import type { Subscription } from 'rxjs';
import { streamEvents } from '../lib/node/streamEvents.js';
import type { StreamStatus } from '../lib/stream/StreamStatus.js';
import { EmulatorProcess } from './emulatorControl.js';
import { now, sleep, type BenchSettings, type Progress, type TargetResult } from './harness.js';
import { BENCH_WORLD } from './recordEvents.js';

/** What benchmark 5 reports. */
export interface StormBenchResult {
  readonly clients: number;
  readonly seconds: number;
  /** Attempts in each second after the drop. */
  readonly perSecond: readonly number[];
  /** From which second on the spread is judged. */
  readonly settleAfter: number;
  readonly steadyMean: number;
  readonly steadyMax: number;
  readonly firstSecond: number;
  readonly peak: number;
  readonly attempts: number;
  readonly targets: readonly TargetResult[];
}

/**
 * Benchmark 5. `clients` subscriptions of `streamEvents` (default backoff: full jitter from
 * 1 s doubling to 30 s, at least 1 s between attempts) connect to the emulator process; it
 * then refuses new handshakes (503) and drops every connection at once, and keeps refusing
 * for `seconds`. Every attempt (`connecting` status) after the drop is counted per second.
 */
export async function runStormBench(
  emulatorScript: string,
  clients: number,
  seconds: number,
  settleAfter: number,
  settings: BenchSettings,
  progress: Progress,
): Promise<StormBenchResult> {
  const emulator = await EmulatorProcess.start(emulatorScript, {
    seed: 17,
    rate: 2,
    world: BENCH_WORLD,
    pingInterval: 0,
    maxConnectionsPerClient: clients + 100,
    maxConnections: clients + 100,
  });
  const subscriptions: Subscription[] = [];
  try {
    const { user, apiKey } = emulator.credentials;
    let open = 0;
    let droppedAt = Infinity;
    const attempts: number[] = [];
    const status = (s: StreamStatus): void => {
      if (s.kind === 'open') open++;
      else if (s.kind === 'connecting' && now() >= droppedAt) attempts.push(now() - droppedAt);
    };
    for (let i = 0; i < clients; i++) {
      subscriptions.push(
        streamEvents({ url: emulator.url, auth: { user, apiKey }, env: {}, status }).subscribe({ error: () => undefined }),
      );
      if (i % 50 === 49) await sleep(10);
    }
    const deadline = now() + 60_000;
    while (open < clients) {
      if (now() > deadline) throw new Error(`storm: only ${open} of ${clients} clients connected`);
      progress.tick(`storm: ${open} / ${clients} connected`);
      await sleep(50);
    }
    await emulator.request({ cmd: 'refuseHandshakes', status: 503 });
    droppedAt = now();
    const dropped = (await emulator.request({ cmd: 'dropAll', mode: 'terminate' })) as number;
    if (dropped !== clients) throw new Error(`storm: dropped ${dropped} connections, expected ${clients}`);
    while (now() - droppedAt < seconds * 1000) {
      progress.tick(`storm: ${Math.floor((now() - droppedAt) / 1000)} / ${seconds} s, ${attempts.length.toLocaleString('en-US')} attempts`);
      await sleep(250);
    }
    progress.done('storm: done');
    const perSecond = new Array<number>(seconds).fill(0);
    for (const at of attempts) {
      const second = Math.floor(at / 1000);
      if (second < seconds) perSecond[second]!++;
    }
    const steady = perSecond.slice(settleAfter);
    const steadyMean = steady.length === 0 ? NaN : steady.reduce((a, b) => a + b, 0) / steady.length;
    const steadyMax = steady.length === 0 ? NaN : Math.max(...steady);
    const targets: TargetResult[] = [
      {
        benchmark: '5. reconnect storm',
        target: `after the first ${settleAfter} s, no 1-s bucket above 2 × the mean`,
        measured: `max ${steadyMax} vs mean ${steadyMean.toFixed(1)} attempts/s (×${(steadyMax / steadyMean).toFixed(2)})`,
        holds: settings.quick ? undefined : steadyMax <= 2 * steadyMean,
      },
    ];
    return {
      clients,
      seconds,
      perSecond,
      settleAfter,
      steadyMean,
      steadyMax,
      firstSecond: perSecond[0] ?? 0,
      peak: Math.max(...perSecond),
      attempts: attempts.length,
      targets,
    };
  } finally {
    for (const s of subscriptions) s.unsubscribe();
    await emulator.stop();
  }
}
