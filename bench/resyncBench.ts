// Benchmark 8: a resync of a big listing. The emulator (in a process of its own, its world
// paused) holds 10,000 containers; a watch that already holds them in its cache is made to
// reconnect, and is timed from its `listing` to its `synced`: every page fetched, parsed,
// decoded and reconciled with the cache. The baseline fetches and parses the same pages bare,
// following `meta.next`, in the same process. The two take turns, round after round.

import { performance } from 'node:perf_hooks';
import type { Subscription } from 'rxjs';
import { watchResources } from '../lib/node/watchResources.js';
import type { WatchStatus } from '../lib/resync/WatchStatus.js';
import { EmulatorProcess } from './emulatorControl.js';
import { collectGarbage, median, now, sleep, type BenchSettings, type Progress, type TargetResult } from './harness.js';

/** One side's figures: median over the rounds. */
export interface ResyncRow {
  readonly name: string;
  readonly note: string;
  /** Wall time of one listing, ms: median, and every round. */
  readonly ms: number;
  readonly rounds: readonly number[];
  /** This process's CPU time during one listing, ms (median). */
  readonly cpuMs: number;
  /** Requests one listing made (the last round). */
  readonly requests: number;
}

/** What benchmark 8 reports. */
export interface ResyncResult {
  readonly resources: number;
  readonly pageSize: number;
  readonly rows: readonly ResyncRow[];
  /** Median of the bare listing's time over the watch's, round by round. */
  readonly ratio: number;
  readonly targets: readonly TargetResult[];
}

const TARGET = 0.8;

const until = async (condition: () => boolean, what: string, timeout = 120_000): Promise<void> => {
  const deadline = now() + timeout;
  while (!condition()) {
    if (now() > deadline) throw new Error(`benchmark 8: timed out waiting for ${what}`);
    await sleep(2);
  }
};

/**
 * Runs benchmark 8 against a world of `stacks × 10 services × 50 containers` (so `stacks × 500`
 * containers), listed `pageSize` a page.
 */
export async function runResyncBench(
  emulatorScript: string,
  stacks: number,
  settings: BenchSettings,
  progress: Progress,
): Promise<ResyncResult> {
  const resources = stacks * 500;
  const pageSize = 100;
  const emulator = await EmulatorProcess.start(emulatorScript, {
    seed: 8,
    rate: 1,
    pingInterval: false,
    world: { nodeClusters: 1, nodesPerCluster: 4, stacks, servicesPerStack: 10, containersPerService: 50, failureRate: 0 },
  });
  await emulator.request({ cmd: 'pause' });
  const restUrl = emulator.url.replace(/^ws/, 'http');
  const { user, apiKey, namespace } = emulator.credentials;
  const authorization = `Basic ${Buffer.from(`${user}:${apiKey}`).toString('base64')}`;

  // The baseline: what a script that lists the same resources writes.
  let bareRequests = 0;
  const bare = async (): Promise<number> => {
    let url: string | null = `${restUrl}/api/app/v1/${namespace}/container/?limit=${pageSize}`;
    let listed = 0;
    bareRequests = 0;
    while (url !== null) {
      const response = await fetch(url, { headers: { Authorization: authorization } });
      const body = (await response.json()) as { meta: { next: string | null }; objects: unknown[] };
      bareRequests += 1;
      listed += body.objects.length;
      url = body.meta.next === null ? null : new URL(body.meta.next, restUrl).toString();
    }
    return listed;
  };

  // The watch: resynced by a reconnect, with the whole listing in its cache already.
  let listingAt = 0;
  let synced: Extract<WatchStatus, { kind: 'synced' }> | undefined;
  let syncedAt = 0;
  let watchRequests = 0;
  const watch = watchResources({
    kinds: ['container'],
    url: emulator.url,
    restUrl,
    namespace,
    auth: { user, apiKey },
    env: {},
    pageSize,
    retry: { baseDelay: 1, maxDelay: 5, minInterval: 1 },
    fetch: async (url, init) => {
      watchRequests += 1;
      const response = await fetch(url, init);
      const body: unknown = await response.json();
      return { status: response.status, headers: response.headers, json: () => body };
    },
    status: (status) => {
      if (status.kind === 'listing') {
        listingAt = performance.now();
        watchRequests = 0;
      }
      if (status.kind === 'synced') {
        syncedAt = performance.now();
        synced = status;
      }
    },
  });
  const subscription: Subscription = watch.cache.subscribe();
  const bareRounds: number[] = [];
  const watchRounds: number[] = [];
  const bareCpu: number[] = [];
  const watchCpu: number[] = [];
  try {
    await until(() => synced !== undefined, 'the first listing');
    if (synced!.resources !== resources) throw new Error(`benchmark 8: the watch holds ${synced!.resources} resources, not ${resources}`);
    const rounds = Math.max(3, settings.runs + 2);
    for (let round = 0; round < rounds; round++) {
      progress.tick(`8. resync: round ${round + 1} of ${rounds}`);
      collectGarbage();
      let cpu = process.cpuUsage();
      const started = performance.now();
      const listed = await bare();
      bareRounds.push(performance.now() - started);
      bareCpu.push(cpuMs(process.cpuUsage(cpu)));
      if (listed !== resources) throw new Error(`benchmark 8: the bare listing read ${listed} objects, not ${resources}`);

      collectGarbage();
      synced = undefined;
      cpu = process.cpuUsage();
      await emulator.request({ cmd: 'dropAll' });
      await until(() => synced !== undefined, 'a resync');
      watchCpu.push(cpuMs(process.cpuUsage(cpu)));
      watchRounds.push(syncedAt - listingAt);
      // The cache held every resource already: the resync must find them all, and change nothing.
      if (synced!.resources !== resources || synced!.changes !== 0)
        throw new Error(`benchmark 8: a resync found ${synced!.resources} resources and ${synced!.changes} changes`);
    }
  } finally {
    subscription.unsubscribe();
    await emulator.stop();
    progress.done();
  }
  const ratio = median(bareRounds.map((ms, i) => ms / watchRounds[i]!));
  const rows: ResyncRow[] = [
    {
      name: 'fetch + JSON.parse',
      note: 'baseline: the pages fetched one after the other, following meta.next, and parsed',
      ms: median(bareRounds),
      rounds: bareRounds,
      cpuMs: median(bareCpu),
      requests: bareRequests,
    },
    {
      name: 'watchResources resync',
      note: "from the watch's listing status to its synced: pages fetched, decoded and reconciled with a cache holding them",
      ms: median(watchRounds),
      rounds: watchRounds,
      cpuMs: median(watchCpu),
      requests: watchRequests,
    },
  ];
  return {
    resources,
    pageSize,
    rows,
    ratio,
    targets: [
      {
        benchmark: '8. resync',
        target: `reconcile ${resources.toLocaleString('en-US')} listed resources ≥ ${TARGET.toFixed(2)} of bare fetch + parse`,
        measured: `${ratio.toFixed(2)} of bare fetch + parse (${median(watchRounds).toFixed(0)} ms vs ${median(bareRounds).toFixed(0)} ms)`,
        holds: settings.quick ? undefined : ratio >= TARGET,
      },
    ],
  };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
