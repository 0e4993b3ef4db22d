// Benchmark 7: the scale-out path. The emulator (in this process, stepped) feeds, on one side,
// `streamEvents` directly, and on the other a relay (`watchResources` → `publishEvents`) into a
// real nats-server with JetStream, read back by `consumeEvents`: events per second through
// each, and the latency from the emulator's send to the subscriber at a steady rate.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subscription } from 'rxjs';
import { startEmulator, type Emulator } from '../lib/emulator/index.js';
import { consumeEvents, publishEvents } from '../lib/jetstream/index.js';
import type { ResourceType } from '../lib/model/ResourceType.js';
import { RESOURCE_TYPES } from '../lib/model/vocabulary.js';
import { streamEvents } from '../lib/node/streamEvents.js';
import { watchResources } from '../lib/node/watchResources.js';
import { now, percentile, sleep, type Progress, type TargetResult } from './harness.js';

/** One path's figures. */
export interface ScaleOutRow {
  readonly name: string;
  readonly note: string;
  /** Events per second, from the first event sent to the last one received, sent as fast as the loop allows. */
  readonly rate: number;
  /** Latency from send to subscriber at `ScaleOutResult.steadyRate`, ms. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** What benchmark 7 reports. */
export interface ScaleOutResult {
  /** Events of the throughput round of each path. */
  readonly events: number;
  /** Events a second of the latency round, and how many it sends. */
  readonly steadyRate: number;
  readonly steadyEvents: number;
  readonly rows: readonly ScaleOutRow[];
  readonly targets: readonly TargetResult[];
}

/** One way from the emulator to a subscriber: `open` resolves once it is ready, with how to close. */
interface Path {
  readonly name: string;
  readonly note: string;
  open(emulator: Emulator, onEvent: (uuid: string) => void): Promise<() => void>;
}

const until = async (condition: () => boolean, what: string, timeout = 60_000): Promise<void> => {
  const deadline = now() + timeout;
  while (!condition()) {
    if (now() > deadline) throw new Error(`benchmark 7: timed out waiting for ${what}`);
    await sleep(10);
  }
};

function auth(emulator: Emulator): { user: string; apiKey: string } {
  return { user: emulator.credentials.user, apiKey: emulator.credentials.apiKey };
}

const direct: Path = {
  name: 'streamEvents (direct)',
  note: 'the websocket, every frame decoded',
  async open(emulator, onEvent) {
    let open = false;
    const subscription = streamEvents({
      url: emulator.url,
      namespace: emulator.credentials.namespace,
      auth: auth(emulator),
      env: {},
      status: (s) => {
        if (s.kind === 'open') open = true;
      },
    }).subscribe((event) => {
      if ('uuid' in event && typeof event.uuid === 'string') onEvent(event.uuid);
    });
    await until(() => open, 'the stream to open');
    return () => subscription.unsubscribe();
  },
};

/** The relay and the consumer, on a stream of their own per round. */
function relayed(nats: () => string): Path {
  let round = 0;
  return {
    name: 'relay → JetStream → consumeEvents',
    note: 'watchResources + publishEvents, one nats-server, consumeEvents (batch 256)',
    async open(emulator, onEvent) {
      round += 1;
      const target = { servers: nats(), stream: `BENCH${round}`, subjectPrefix: `bench${round}` };
      let synced = false;
      let connected = false;
      let consuming = false;
      const subscriptions: Subscription[] = [];
      subscriptions.push(
        watchResources({
          kinds: [...RESOURCE_TYPES] as [ResourceType, ...ResourceType[]],
          url: emulator.url,
          restUrl: emulator.restUrl,
          namespace: emulator.credentials.namespace,
          auth: auth(emulator),
          env: {},
          status: (s) => {
            if (s.kind === 'synced') synced = true;
          },
        })
          .events.pipe(
            publishEvents({
              ...target,
              status: (s) => {
                if (s.kind === 'connected') connected = true;
              },
            }),
          )
          .subscribe(),
      );
      await until(() => synced && connected, 'the relay to sync');
      subscriptions.push(
        consumeEvents({
          ...target,
          batch: 256,
          status: (s) => {
            if (s.kind === 'consuming') consuming = true;
          },
        }).subscribe((event) => {
          if (event.synthetic !== true && event.uuid !== undefined) onEvent(event.uuid);
        }),
      );
      await until(() => consuming, 'the consumer to start');
      return () => {
        for (const subscription of subscriptions) subscription.unsubscribe();
      };
    },
  };
}

/**
 * Sends `events` events through `path`, `perTick` each 1 ms tick or as fast as the loop allows
 * (`perTick` undefined: 64 at a time), and resolves with the rate and the latencies.
 */
async function round(
  emulator: Emulator,
  path: Path,
  events: number,
  progress: Progress,
  steady?: number,
): Promise<{ rate: number; latencies: Float64Array }> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let last = 0;
  const close = await path.open(emulator, (uuid) => {
    const at = sentAt.get(uuid);
    if (at === undefined) return;
    sentAt.delete(uuid);
    last = now();
    latencies.push(last - at);
  });
  try {
    let sent = 0;
    const started = now();
    while (sent < events) {
      // At a steady rate, as many as are due by now; else a burst, then the loop turns.
      const due = steady === undefined ? sent + 64 : Math.floor(((now() - started) * steady) / 1000);
      const count = Math.min(events - sent, Math.max(0, due - sent));
      if (count > 0) {
        const at = now();
        for (const event of emulator.step(count)) sentAt.set(event.uuid!, at);
        sent += count;
      }
      await sleep(steady === undefined ? 0 : 1);
      progress.tick(`scale-out: ${path.name} ${sent} / ${events}`);
    }
    await until(() => latencies.length === events, `${path.name}: all ${events} events (${latencies.length} so far)`, 120_000);
    return { rate: ((events - 1) / (last - started)) * 1000, latencies: Float64Array.from(latencies).sort() };
  } finally {
    close();
    await sleep(1200);
  }
}

/** A nats-server with JetStream on a free port and a fresh store, for the benchmark's run. */
async function startNats(): Promise<{ url: string; stop: () => Promise<void> }> {
  const path = process.env['NATS_SERVER_PATH'] ?? '/usr/sbin/nats-server';
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`bash scripts/ensure-nats-server.sh\``);
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
  const store = mkdtempSync(join(tmpdir(), 'dockercloud-rx-bench-nats-'));
  const child: ChildProcess = spawn(path, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const accepts = (): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = connectTcp({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  const deadline = now() + 20_000;
  while (!(await accepts())) {
    if (child.exitCode !== null || now() > deadline) throw new Error('benchmark 7: nats-server did not start');
    await sleep(50);
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
      rmSync(store, { recursive: true, force: true });
    },
  };
}

/** Benchmark 7: `events` per path as fast as it goes, then `steadyEvents` at `steadyRate` a second. */
export async function runScaleOutBench(
  events: number,
  steadyRate: number,
  steadyEvents: number,
  progress: Progress,
): Promise<ScaleOutResult> {
  const nats = await startNats();
  const emulator = await startEmulator({ seed: 'bench-scale-out', paused: true, pingInterval: false });
  try {
    const paths = [direct, relayed(() => nats.url)];
    const rows: ScaleOutRow[] = [];
    for (const path of paths) {
      const throughput = await round(emulator, path, events, progress);
      const steady = await round(emulator, path, steadyEvents, progress, steadyRate);
      const l = steady.latencies;
      rows.push({
        name: path.name,
        note: path.note,
        rate: throughput.rate,
        p50: percentile(l, 50),
        p95: percentile(l, 95),
        p99: percentile(l, 99),
        max: l[l.length - 1]!,
      });
      progress.done(`scale-out: ${path.name} ${Math.round(throughput.rate)} events/s, p99 ${percentile(l, 99).toFixed(1)} ms`);
    }
    const relay = rows[1]!;
    return {
      events,
      steadyRate,
      steadyEvents,
      rows,
      targets: [
        {
          benchmark: '7. scale-out',
          target: `the relay path keeps up with ${steadyRate} events/s, p99 < 100 ms`,
          measured: `${Math.round(relay.rate).toLocaleString('en-US')} events/s at most, p99 ${relay.p99.toFixed(1)} ms at ${steadyRate}/s`,
          holds: relay.rate > steadyRate && relay.p99 < 100,
        },
      ],
    };
  } finally {
    await emulator.stop();
    await nats.stop();
  }
}
