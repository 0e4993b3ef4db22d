// Relays on the real emulator into a real nats-server: two relays store every live event
// once, and a relay rides out a restart of nats-server under load without losing one.
import { Subscription, tap } from 'rxjs';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { consumeEvents, publishEvents, type PublishReceipt, type PublishStatus } from '../../lib/jetstream/index.js';
import type { ResourceType } from '../../lib/model/ResourceType.js';
import { RESOURCE_TYPES } from '../../lib/model/vocabulary.js';
import { watchResources } from '../../lib/node/watchResources.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';
import { startNatsServer, stopAllNatsServers, type NatsServer } from './support/natsServer.js';
import { sleep, until } from './support/waiting.js';

jest.setTimeout(120_000);

interface Relay {
  readonly synced: () => boolean;
  readonly live: Set<string>;
  readonly receipts: PublishReceipt[];
  readonly statuses: PublishStatus[];
  readonly stop: () => void;
}

const subscriptions: Subscription[] = [];

/** A relay as `dockercloud-rx relay` runs it: one watch with resync, everything published. */
function relay(emulator: Emulator, target: { servers: string; stream: string; subjectPrefix: string }): Relay {
  const { user, apiKey, namespace } = emulator.credentials;
  let synced = false;
  const live = new Set<string>();
  const receipts: PublishReceipt[] = [];
  const statuses: PublishStatus[] = [];
  const watch = watchResources({
    kinds: [...RESOURCE_TYPES] as [ResourceType, ...ResourceType[]],
    url: emulator.url,
    restUrl: emulator.restUrl,
    namespace,
    auth: { user, apiKey },
    env: {},
    status: (status: WatchStatus) => {
      if (status.kind === 'synced') synced = true;
    },
  });
  const subscription = watch.events
    .pipe(
      tap((event) => {
        if (event.synthetic !== true && event.uuid !== undefined) live.add(event.uuid);
      }),
      publishEvents({ ...target, retry: { baseDelay: 50, maxDelay: 400 }, timeout: 1500, status: (s) => statuses.push(s) }),
    )
    .subscribe((receipt) => receipts.push(receipt));
  subscriptions.push(subscription);
  return { synced: () => synced, live, receipts, statuses, stop: () => subscription.unsubscribe() };
}

/** Every event a fresh consumer reads, until `done` holds and a quiet second has passed. */
async function consumeAll(
  target: { servers: string; stream: string; subjectPrefix: string },
  done: (events: readonly WatchedEvent[]) => boolean,
): Promise<WatchedEvent[]> {
  const events: WatchedEvent[] = [];
  const subscription = consumeEvents({ ...target, batch: 64 }).subscribe((event) => events.push(event));
  subscriptions.push(subscription);
  await until('the consumer to read everything', () => done(events), 60_000);
  // Anything delivered twice would come now.
  await sleep(1000);
  subscription.unsubscribe();
  return events;
}

function liveCounts(events: readonly WatchedEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events)
    if (event.synthetic !== true && event.uuid !== undefined) counts.set(event.uuid, (counts.get(event.uuid) ?? 0) + 1);
  return counts;
}

let nats: NatsServer;
let emulator: Emulator | undefined;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterEach(async () => {
  for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
  await emulator?.stop();
  emulator = undefined;
  // Connections close in the background: give them a moment before the next test or afterAll.
  await sleep(1500);
});
afterAll(() => stopAllNatsServers());

// The emulators run on their default simulated clock (2016), years behind the relays' clocks:
// listings are dated by the REST answers' `Date`, on the emulator's clock (docs/scale-out.md).

it('two relays on one emulator into one server: every live event reaches a consumer exactly once', async () => {
  const target = { servers: nats.url, stream: 'TWO', subjectPrefix: 'two' };
  emulator = await startEmulator({ seed: 'two-relays', paused: true, pingInterval: false });
  const a = relay(emulator, target);
  const b = relay(emulator, target);
  await until('both relays to sync', () => a.synced() && b.synced());
  const sent = emulator.step(150).map((event) => event.uuid!);
  await until(
    'both relays to publish every event',
    () => sent.every((uuid) => a.live.has(uuid) && b.live.has(uuid)) && a.receipts.length + b.receipts.length > 2 * sent.length - 1,
  );
  await until(
    'every publish to be acknowledged',
    () =>
      a.statuses.length > 0 &&
      a.receipts.filter((r) => r.event.synthetic !== true).length === sent.length &&
      b.receipts.filter((r) => r.event.synthetic !== true).length === sent.length,
  );
  // Each live event was stored once: one relay's publish stored it, the other's was a duplicate.
  const stored = new Map<string, number>();
  for (const receipt of [...a.receipts, ...b.receipts])
    if (receipt.event.synthetic !== true)
      stored.set(receipt.event.uuid!, (stored.get(receipt.event.uuid!) ?? 0) + (receipt.duplicate ? 0 : 1));
  expect(sent.filter((uuid) => stored.get(uuid) !== 1)).toEqual([]);

  const events = await consumeAll(target, (read) => sent.every((uuid) => liveCounts(read).has(uuid)));
  const counts = liveCounts(events);
  expect(sent.filter((uuid) => counts.get(uuid) !== 1)).toEqual([]);
  expect([...counts.keys()].filter((uuid) => !sent.includes(uuid))).toEqual([]);
});

it('restart nats-server under load: the relay reconnects, and nothing is lost', async () => {
  const target = { servers: nats.url, stream: 'RESTART', subjectPrefix: 'restart' };
  emulator = await startEmulator({ seed: 'nats-restart', rate: 150, pingInterval: false });
  const a = relay(emulator, target);
  await until('the relay to sync', () => a.synced() && a.statuses.some((s) => s.kind === 'connected'));
  await sleep(700);
  await nats.stop();
  await sleep(1200);
  await nats.start();
  await sleep(1500);
  emulator.pause();
  const sentDuringRun = emulator.world.eventCount;
  await until(
    'the relay to publish everything it received',
    () => a.receipts.filter((r) => r.event.synthetic !== true).length === a.live.size && a.live.size > 0,
    60_000,
  );
  const kinds = a.statuses.map((s) => s.kind);
  // It did fail, and came back.
  expect(kinds).toContain('retrying');
  expect(kinds.lastIndexOf('connected')).toBeGreaterThan(kinds.indexOf('retrying'));
  expect(sentDuringRun).toBeGreaterThan(200);

  const live = [...a.live];
  const events = await consumeAll(target, (read) => live.every((uuid) => liveCounts(read).has(uuid)));
  const counts = liveCounts(events);
  expect(live.filter((uuid) => counts.get(uuid) !== 1)).toEqual([]);
  // Stored in the order they were received, per resource and overall: the consumer dropped none as stale.
  expect(events.filter((e) => e.synthetic !== true).map((e) => e.uuid)).toEqual(live);
});
