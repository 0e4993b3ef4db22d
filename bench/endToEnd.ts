// Benchmark 2: end to end on loopback, the emulator in another process sending as fast as the
// connection drains, our client against bare ws, rxjs/webSocket and reconnecting-websocket.

import { bareWs, libraryClient, libraryPipeline, rawWs, reconnectingWebSocket, rxjsWebSocket, type ClientKind } from './clients.js';
import { EmulatorProcess, type EmulatorSample } from './emulatorControl.js';
import { collectGarbage, median, now, sleep, type BenchSettings, type Progress, type TargetResult } from './harness.js';
import { BENCH_WORLD } from './recordEvents.js';

/** One client's result. */
export interface EndToEndRow {
  readonly name: string;
  readonly note: string;
  /** Median events per second received, from the first event to the last. */
  readonly rate: number;
  /** Median of the per-round ratios against `ws + JSON.parse`. */
  readonly ratio: number;
  /** Median CPU time of the client process per event, µs. */
  readonly clientCpuPerEvent: number;
  /** Median share of one core the client process used. */
  readonly clientCpu: number;
  /** Median share of one core the emulator process used. */
  readonly serverCpu: number;
  readonly samples: readonly number[];
}

/** What benchmark 2 reports. */
export interface EndToEndResult {
  readonly events: number;
  readonly rows: readonly EndToEndRow[];
  readonly targets: readonly TargetResult[];
}

interface Measurement {
  rate: number;
  clientCpuPerEvent: number;
  clientCpu: number;
  serverCpu: number;
}

/** Connects `kind`, lets `events` events arrive, and measures from the first to the last. */
async function measure(kind: ClientKind, emulator: EmulatorProcess, events: number, progress: Progress): Promise<Measurement> {
  collectGarbage();
  let received = 0;
  let started = 0;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let serverAtStart: Promise<EmulatorSample> | undefined;
  let close: (() => void) | undefined;
  const finished = new Promise<{ ms: number; cpu: NodeJS.CpuUsage; server: Promise<EmulatorSample> }>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${kind.name}: ${received} of ${events} events in 10 minutes`)), 600_000);
    close = kind.open(emulator, () => {
      received++;
      if (received === 1) {
        started = now();
        cpuAtStart = process.cpuUsage();
        serverAtStart = emulator.sample();
      } else if (received === events) {
        const ms = now() - started;
        const cpu = process.cpuUsage(cpuAtStart);
        const server = emulator.sample();
        clearTimeout(timeout);
        resolve({ ms, cpu, server });
      } else if ((received & 0x3fff) === 0) {
        progress.tick(`end to end: ${kind.name} ${received.toLocaleString('en-US')} / ${events.toLocaleString('en-US')}`);
      }
    });
  });
  try {
    const { ms, cpu, server } = await finished;
    const [first, last] = await Promise.all([serverAtStart!, server]);
    const serverCpuMs = (last.cpu.user + last.cpu.system - first.cpu.user - first.cpu.system) / 1000;
    const clientCpuMs = (cpu.user + cpu.system) / 1000;
    return {
      rate: ((events - 1) / ms) * 1000,
      clientCpuPerEvent: (clientCpuMs * 1000) / (events - 1),
      clientCpu: clientCpuMs / ms,
      serverCpu: serverCpuMs / (last.at - first.at),
    };
  } finally {
    close?.();
    // Let the socket close and the emulator notice that nobody is receiving.
    await sleep(200);
  }
}

/** The clients of benchmark 2, the baseline second (after the server's own ceiling). */
export const END_TO_END_CLIENTS: readonly ClientKind[] = [
  rawWs,
  bareWs,
  rxjsWebSocket,
  reconnectingWebSocket,
  libraryClient,
  libraryPipeline,
];

/**
 * Benchmark 2. One emulator process at rate `'max'` serves every client in turn (one
 * connection at a time, so each has the server to itself); the clients take turns for
 * `settings.runs` rounds and each figure is a median.
 */
export async function runEndToEndBench(
  emulatorScript: string,
  events: number,
  settings: BenchSettings,
  progress: Progress,
): Promise<EndToEndResult> {
  const emulator = await EmulatorProcess.start(emulatorScript, {
    seed: 11,
    rate: 'max',
    world: BENCH_WORLD,
    pingInterval: 0,
  });
  try {
    // Warm-up: each client for a slice of the events.
    for (const kind of END_TO_END_CLIENTS) await measure(kind, emulator, Math.min(events, 20_000), progress);
    const runs = new Map<string, Measurement[]>(END_TO_END_CLIENTS.map((kind) => [kind.name, []]));
    const ratios = new Map<string, number[]>(END_TO_END_CLIENTS.map((kind) => [kind.name, []]));
    for (let round = 0; round < settings.runs; round++) {
      const rates = new Map<string, number>();
      // Each round starts with another client, so that no client always follows the same one.
      const order = END_TO_END_CLIENTS.map((_, i) => END_TO_END_CLIENTS[(i + round) % END_TO_END_CLIENTS.length]!);
      for (const kind of order) {
        progress.tick(`end to end: round ${round + 1}/${settings.runs}, ${kind.name}`);
        const m = await measure(kind, emulator, events, progress);
        runs.get(kind.name)!.push(m);
        rates.set(kind.name, m.rate);
      }
      for (const kind of END_TO_END_CLIENTS) ratios.get(kind.name)!.push(rates.get(kind.name)! / rates.get(bareWs.name)!);
    }
    progress.done('end to end: done');
    const rows = END_TO_END_CLIENTS.map((kind): EndToEndRow => {
      const ms = runs.get(kind.name)!;
      return {
        name: kind.name,
        note: kind.note,
        rate: median(ms.map((m) => m.rate)),
        ratio: median(ratios.get(kind.name)!),
        clientCpuPerEvent: median(ms.map((m) => m.clientCpuPerEvent)),
        clientCpu: median(ms.map((m) => m.clientCpu)),
        serverCpu: median(ms.map((m) => m.serverCpu)),
        samples: ms.map((m) => m.rate),
      };
    });
    const row = (name: string): EndToEndRow => rows.find((r) => r.name === name)!;
    const ours = row(libraryClient.name);
    const rxjs = row(rxjsWebSocket.name);
    const targets: TargetResult[] = [
      {
        benchmark: '2. end to end',
        target: 'streamEvents ≥ 0.90 of bare ws',
        measured: `${ours.ratio.toFixed(2)} of ws + JSON.parse`,
        holds: settings.quick ? undefined : ours.ratio >= 0.9,
      },
      {
        benchmark: '2. end to end',
        target: 'streamEvents ≥ rxjs/webSocket (within 2 % run-to-run noise)',
        measured: `${(ours.rate / rxjs.rate).toFixed(2)} × rxjs/webSocket`,
        holds: settings.quick ? undefined : ours.rate >= rxjs.rate * 0.98,
      },
    ];
    return { events, rows, targets };
  } finally {
    await emulator.stop();
  }
}
