// Paging against the real emulator: a busy world listed one object a page, so that resources
// come and go while every kind is paged through, and reconnects start new resyncs. Each kind is
// listed from its first page once in every resync, and a listing skips nothing (the chaos test
// compares the cache with the world).
import type { Subscription } from 'rxjs';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { watchResources } from '../../lib/node/watchResources.js';
import type { RestFetch } from '../../lib/resync/RestFetch.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchResources listing pages, against the emulator', () => {
  let emulator: Emulator;
  afterEach(async () => {
    await emulator.stop();
  });

  it('lists each kind from its first page once per resync while the world churns under the pages', async () => {
    emulator = await startEmulator({
      seed: 'bounds',
      rate: 400,
      pingInterval: false,
      world: { stacks: 2, servicesPerStack: 2, containersPerService: 2, failureRate: 0.2 },
      actionHistory: 10,
    });
    // The passes over each kind's listing (first pages) in each resync, the current one last.
    const resyncs: Map<string, number>[] = [new Map()];
    let synced = 0;
    const fetch: RestFetch = async (url, init) => {
      const parsed = new URL(url);
      if (parsed.searchParams.get('offset') === null) {
        const kind = parsed.pathname.split('/').filter(Boolean).pop()!;
        const current = resyncs[resyncs.length - 1]!;
        current.set(kind, (current.get(kind) ?? 0) + 1);
      }
      // A slow page, so that events keep coming while a kind is paged through.
      await sleep(3);
      const response = await globalThis.fetch(url, init);
      const body: unknown = await response.json();
      return { status: response.status, json: () => body };
    };
    const { user, apiKey, namespace } = emulator.credentials;
    const watch = watchResources({
      kinds: ['service', 'container', 'action'],
      url: emulator.url,
      restUrl: emulator.restUrl,
      namespace,
      auth: { user, apiKey },
      env: {},
      fetch,
      pageSize: 1,
      retry: { baseDelay: 10, maxDelay: 50 },
      status: (status: WatchStatus) => {
        if (status.kind === 'listing') resyncs.push(new Map());
        if (status.kind === 'synced') synced += 1;
      },
    });
    const subscription: Subscription = watch.cache.subscribe();
    try {
      const deadline = Date.now() + 20_000;
      while (synced < 1 && Date.now() < deadline) await sleep(20);
      emulator.faults.dropAll();
      while (synced < 2 && Date.now() < deadline) await sleep(20);
    } finally {
      subscription.unsubscribe();
    }
    expect(synced).toBeGreaterThanOrEqual(2);
    const most = Math.max(...resyncs.flatMap((passes) => [...passes.values()]));
    // Every kind was listed in some resync, and none twice in one.
    expect(resyncs.some((passes) => passes.size === 3)).toBe(true);
    expect(most).toBe(1);
  }, 30_000);
});
