// Benchmark 2: end to end on loopback. A sender in another process writes prebuilt frames in
// bursts, so that it never sets the pace; each client in turn takes a fixed count of events, and
// the figure is the CPU time the client's process spent per event.

import { bareWs, libraryClient, libraryPipeline, rawWs, reconnectingWebSocket, rxjsWebSocket, type ClientKind } from './clients.js';
import { collectGarbage, median, now, sleep, type BenchSettings, type Progress, type TargetResult } from './harness.js';
import { SenderProcess, type SenderSample } from './senderControl.js';

/** One client's result. */
export interface EndToEndRow {
  readonly name: string;
  readonly note: string;
  /** Median events per second received, from the first event to the last. */
  readonly rate: number;
  /** Median of the per-round rate ratios against `ws + JSON.parse`. */
  readonly ratio: number;
  /** Median CPU time of the client process per event, µs. */
  readonly clientCpuPerEvent: number;
  /** Median of the per-round ratios of CPU per event against `ws + JSON.parse` (lower is cheaper). */
  readonly cpuRatio: number;
  /** Median share of one core the client process used. */
  readonly clientCpu: number;
  /** Median share of one core the sender process used. */
  readonly serverCpu: number;
  /** The client CPU per event of each round, µs. */
  readonly samples: readonly number[];
}

/** What benchmark 2 reports. */
export interface EndToEndResult {
  readonly events: number;
  /** Distinct prebuilt frames the sender cycles through, and frames per burst. */
  readonly frames: number;
  readonly burst: number;
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
async function measure(kind: ClientKind, sender: SenderProcess, events: number, progress: Progress): Promise<Measurement> {
  collectGarbage();
  let received = 0;
  let started = 0;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let serverAtStart: Promise<SenderSample> | undefined;
  let close: (() => void) | undefined;
  const finished = new Promise<{ ms: number; cpu: NodeJS.CpuUsage; server: Promise<SenderSample> }>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${kind.name}: ${received} of ${events} events in 10 minutes`)), 600_000);
    close = kind.open(sender, () => {
      received++;
      if (received === 1) {
        started = now();
        cpuAtStart = process.cpuUsage();
        serverAtStart = sender.sample();
      } else if (received === events) {
        const ms = now() - started;
        const cpu = process.cpuUsage(cpuAtStart);
        const server = sender.sample();
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
    // Let the socket close and the sender notice that nobody is receiving.
    await sleep(200);
  }
}

/** The clients of benchmark 2, the baseline second (after the ceiling of a client that only counts). */
export const END_TO_END_CLIENTS: readonly ClientKind[] = [
  rawWs,
  bareWs,
  rxjsWebSocket,
  reconnectingWebSocket,
  libraryClient,
  libraryPipeline,
];

/** The limit of target 3: streamEvents' CPU per event against rxjs/webSocket's. */
const CPU_LIMIT_VS_RXJS = 1.05;

/**
 * Benchmark 2. One sender process serves every client in turn (one connection at a time);
 * the clients take turns for `settings.runs` rounds, each round starting with another client,
 * and each figure is a median. The ratios are taken round by round.
 */
export async function runEndToEndBench(
  senderScript: string,
  events: number,
  settings: BenchSettings,
  progress: Progress,
): Promise<EndToEndResult> {
  // The frames of the seeded world, recorded once in the sender and sent over and over: the
  // same frames, in the same order, for every client.
  const frames = Math.min(events, settings.quick ? 20_000 : 100_000);
  const burst = 256;
  progress.tick(`end to end: the sender records ${frames.toLocaleString('en-US')} frames`);
  const sender = await SenderProcess.start(senderScript, { frames, seed: 11, burst });
  try {
    // Warm-up: each client for a slice of the events.
    for (const kind of END_TO_END_CLIENTS) await measure(kind, sender, Math.min(events, 20_000), progress);
    const runs = new Map<string, Measurement[]>(END_TO_END_CLIENTS.map((kind) => [kind.name, []]));
    const perRound: Map<string, Measurement>[] = [];
    for (let round = 0; round < settings.runs; round++) {
      const measured = new Map<string, Measurement>();
      // Each round starts with another client, so that no client always follows the same one.
      const order = END_TO_END_CLIENTS.map((_, i) => END_TO_END_CLIENTS[(i + round) % END_TO_END_CLIENTS.length]!);
      for (const kind of order) {
        progress.tick(`end to end: round ${round + 1}/${settings.runs}, ${kind.name}`);
        const m = await measure(kind, sender, events, progress);
        runs.get(kind.name)!.push(m);
        measured.set(kind.name, m);
      }
      perRound.push(measured);
    }
    progress.done('end to end: done');
    // The median over the rounds of `a`'s figure over `b`'s, both of the same round.
    const ratioOf = (a: string, b: string, figure: (m: Measurement) => number): number =>
      median(perRound.map((r) => figure(r.get(a)!) / figure(r.get(b)!)));
    const rows = END_TO_END_CLIENTS.map((kind): EndToEndRow => {
      const ms = runs.get(kind.name)!;
      return {
        name: kind.name,
        note: kind.note,
        rate: median(ms.map((m) => m.rate)),
        ratio: ratioOf(kind.name, bareWs.name, (m) => m.rate),
        clientCpuPerEvent: median(ms.map((m) => m.clientCpuPerEvent)),
        cpuRatio: ratioOf(kind.name, bareWs.name, (m) => m.clientCpuPerEvent),
        clientCpu: median(ms.map((m) => m.clientCpu)),
        serverCpu: median(ms.map((m) => m.serverCpu)),
        samples: ms.map((m) => m.clientCpuPerEvent),
      };
    });
    const vsRxjs = ratioOf(libraryClient.name, rxjsWebSocket.name, (m) => m.clientCpuPerEvent);
    const ours = rows.find((r) => r.name === libraryClient.name)!;
    const targets: TargetResult[] = [
      {
        benchmark: '2. end to end',
        target: `streamEvents client CPU per event ≤ ${CPU_LIMIT_VS_RXJS.toFixed(2)} × rxjs/webSocket's (prebuilt sender)`,
        measured:
          `${vsRxjs.toFixed(2)} × rxjs/webSocket; ${ours.cpuRatio.toFixed(2)} × ws + JSON.parse ` +
          `(${ours.clientCpuPerEvent.toFixed(2)} µs per event)`,
        holds: settings.quick ? undefined : vsRxjs <= CPU_LIMIT_VS_RXJS,
      },
    ];
    return { events, frames: sender.frames, burst, rows, targets };
  } finally {
    await sender.stop();
  }
}
