// The rule that makes two relays safe: a synthetic event (from a relay's listing) never
// undoes a newer live event in what consumers see, even when it is stored after it. Both
// times are on the upstream's clock: a live event's `datetime`, a listing page's `Date`.
import { concatMap, from, lastValueFrom, Subscription, tap, toArray } from 'rxjs';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { consumeEvents, publishEvents, type ConsumeStatus, type PublishReceipt } from '../../lib/jetstream/index.js';
import { ResourceClocks } from '../../lib/jetstream/ResourceClocks.js';
import { isEndOfLife } from '../../lib/model/isEndOfLife.js';
import type { ResourceType } from '../../lib/model/ResourceType.js';
import { RESOURCE_TYPES } from '../../lib/model/vocabulary.js';
import { watchResources } from '../../lib/node/watchResources.js';
import { resourceView } from '../../lib/operators/resourceView.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';
import { containerEvent } from '../../lib/testing/eventBuilders.js';
import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';
import { startNatsServer, stopAllNatsServers, type NatsServer } from './support/natsServer.js';
import { until } from './support/waiting.js';

jest.setTimeout(60_000);

const second = (s: number, ms = 0): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s, ms)).toISOString();
const live = (id: string, state: 'Starting' | 'Running' | 'Stopped', s: number): WatchedEvent =>
  containerEvent(id, state, { uuid: `u-${id}-${state}-${s}`, datetime: second(s).replace('.000', '') });
const listed = (
  id: string,
  state: 'Running' | 'Stopped',
  listedAt: string,
  action: 'create' | 'update' | 'delete' = 'update',
): WatchedEvent => ({
  ...containerEvent(id, state, { action }),
  synthetic: true,
  listedAt,
  ...(action === 'delete' ? { finalStateUnknown: true } : {}),
});

describe('ResourceClocks (the per-resource time rule of consumers)', () => {
  const admitted = (events: WatchedEvent[]): string[] => {
    const clocks = new ResourceClocks();
    return events.filter((e) => clocks.admit(e)).map((e) => `${e.resource_uri.split('/')[6]} ${e.state}${e.synthetic ? '*' : ''}`);
  };

  it('drops a synthetic event whose listing is older than a live event of its resource, stored after it', () => {
    expect(admitted([live('c1', 'Running', 10), listed('c1', 'Stopped', second(5))])).toEqual(['c1 Running']);
  });

  it('applies a synthetic event whose listing is newer than the live events of its resource', () => {
    expect(admitted([live('c1', 'Running', 10), listed('c1', 'Stopped', second(20))])).toEqual(['c1 Running', 'c1 Stopped*']);
  });

  it('gives a tie within a second to the live event, both ways', () => {
    // The stream's datetime has whole seconds: 10.000 and 10.700 are the same second.
    expect(admitted([live('c1', 'Running', 10), listed('c1', 'Stopped', second(10, 700))])).toEqual(['c1 Running']);
    expect(admitted([listed('c1', 'Stopped', second(10, 300)), live('c1', 'Running', 10)])).toEqual(['c1 Stopped*', 'c1 Running']);
  });

  it('drops a live event older than what was delivered of its resource, and keeps other resources apart', () => {
    expect(admitted([live('c1', 'Running', 10), live('c2', 'Running', 3), live('c1', 'Starting', 9)])).toEqual([
      'c1 Running',
      'c2 Running',
    ]);
  });

  it('does not let a late listing revive a resource whose deletion it predates', () => {
    const deleted = containerEvent('c1', 'Terminated', { action: 'delete', uuid: 'u-del', datetime: second(10).replace('.000', '') });
    expect(admitted([deleted, listed('c1', 'Running', second(5), 'create')])).toEqual(['c1 Terminated']);
  });

  it('forgets the least recently seen resources beyond its limit', () => {
    const clocks = new ResourceClocks(2);
    for (const id of ['a', 'b', 'c']) clocks.admit(live(id, 'Running', 10));
    // `a` was forgotten: an old listing of it goes through; `c` is still known.
    expect(clocks.admit(listed('a', 'Stopped', second(5)))).toBe(true);
    expect(clocks.admit(listed('c', 'Stopped', second(5)))).toBe(false);
  });
});

interface Relay {
  readonly synced: () => boolean;
  /** Every event its watch emitted, in order. */
  readonly seen: WatchedEvent[];
  readonly receipts: PublishReceipt[];
  /** Whether its NATS connection is closed (after unsubscribing). */
  readonly closed: () => boolean;
  /** Lets the events held so far (and all later ones) go on to JetStream. */
  readonly release: () => void;
}

/**
 * A relay as `dockercloud-rx relay` runs it, on the emulator: one watch with resync, everything
 * published; `held` makes it slow to publish (its events wait, in order, until `release`), as
 * a relay whose link to NATS is down is.
 */
function relay(emulator: Emulator, target: Target, subscriptions: Subscription, held = false): Relay {
  const { user, apiKey, namespace } = emulator.credentials;
  let synced = false;
  let closed = false;
  let release!: () => void;
  const released = held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  if (!held) release = () => undefined;
  const seen: WatchedEvent[] = [];
  const receipts: PublishReceipt[] = [];
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
  subscriptions.add(
    watch.events
      .pipe(
        tap((event) => seen.push(event)),
        concatMap((event) => from(released.then(() => event))),
        publishEvents({
          ...target,
          retry: { baseDelay: 50, maxDelay: 400 },
          timeout: 5000,
          status: (status) => {
            if (status.kind === 'closed') closed = true;
          },
        }),
      )
      .subscribe((receipt) => receipts.push(receipt)),
  );
  return { synced: () => synced, seen, receipts, closed: () => closed, release: () => release() };
}

type Target = { readonly servers: string; readonly stream: string; readonly subjectPrefix: string };

/** What the emulator's world holds now, as `uri state` lines: what a consumer's view must show. */
function truth(emulator: Emulator): string[] {
  return RESOURCE_TYPES.flatMap((type) => emulator.world.resources(type))
    .filter((resource) => !isEndOfLife({ type: resource.type, action: 'update', state: resource.state }))
    .map((resource) => `${normalizeResourceUri(resource.resource_uri)} ${resource.state}`)
    .sort();
}

describe('two relays racing, through a real JetStream, on the emulator with its default clock', () => {
  let nats: NatsServer;
  let emulator: Emulator | undefined;
  const subscriptions = new Subscription();
  const relays: Relay[] = [];
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    subscriptions.unsubscribe();
    // Every connection closed before the server goes: a client left reconnecting would keep Jest from exiting.
    await until('the relays to close', () => relays.every((relay) => relay.closed()));
    await emulator?.stop();
    await stopAllNatsServers();
  });

  it("keeps relay A's newer live states when relay B's older listing is stored after them", async () => {
    const target: Target = { servers: nats.url, stream: 'RACE', subjectPrefix: 'race' };
    // The default clock: the world's time starts on 2016-02-01, years behind the relays' clocks.
    emulator = await startEmulator({ seed: 'race', paused: true, pingInterval: false });
    const a = relay(emulator, target, subscriptions);
    relays.push(a);
    await until('relay A to sync and publish its listing', () => a.synced() && a.receipts.length === a.seen.length && a.seen.length > 0);
    emulator.step(30);
    await until('relay A to publish the first live events', () => a.seen.length > 30 && a.receipts.length === a.seen.length);
    // Relay B lists now, at the world's time T1, but is slow to publish.
    const b = relay(emulator, target, subscriptions, true);
    relays.push(b);
    await until('relay B to sync', () => b.synced() && b.seen.some((event) => event.synthetic === true));
    const listedAt = b.seen.find((event) => event.synthetic === true)!.listedAt!;
    expect(listedAt).toBe(new Date(Date.parse(emulator.world.datetime!)).toISOString());
    // The world moves on: relay A publishes the changes live, newer than B's listing.
    const changes = emulator.step(80);
    const later = new Set(changes.map((event) => normalizeResourceUri(event.resource_uri)));
    await until('relay A to publish the later live events', () => a.receipts.length === a.seen.length && a.seen.length > 110);
    // Now B's listing is stored after A's newer live events.
    b.release();
    await until('relay B to publish everything', () => b.receipts.length === b.seen.length);
    const undoing = b.receipts.filter(
      (r) => r.event.synthetic === true && !r.duplicate && later.has(normalizeResourceUri(r.event.resource_uri)),
    );
    // The race did happen: listed states of resources that changed after B listed them were stored after those changes.
    expect(undoing.length).toBeGreaterThan(0);
    const lastSeq = Math.max(...[...a.receipts, ...b.receipts].map((r) => r.seq));
    expect(
      undoing.every((r) => r.seq > Math.max(...a.receipts.filter((x) => x.event.resource_uri === r.event.resource_uri).map((x) => x.seq))),
    ).toBe(true);

    const events: WatchedEvent[] = [];
    const statuses: ConsumeStatus[] = [];
    const subscription = consumeEvents({ ...target, batch: 64, status: (s) => statuses.push(s) }).subscribe((event) => events.push(event));
    subscriptions.add(subscription);
    const dropped = (): WatchedEvent[] => statuses.flatMap((s) => (s.kind === 'dropped' ? [s.event] : []));
    const stored = [...a.receipts, ...b.receipts].filter((r) => !r.duplicate).length;
    await until('the consumer to read every stored event', () => events.length + dropped().length === stored);
    expect(stored).toBe(lastSeq);
    subscription.unsubscribe();
    await until('the consumer to close', () => statuses.some((s) => s.kind === 'closed'));

    // B's listings of resources that changed later were dropped, and the view is the world's.
    const droppedUris = new Set(dropped().map((event) => event.resource_uri));
    expect(undoing.filter((r) => !droppedUris.has(r.event.resource_uri))).toEqual([]);
    const views = await lastValueFrom(from(events).pipe(resourceView(), toArray()));
    const view = [...views[views.length - 1]!.values()].map((event) => `${normalizeResourceUri(event.resource_uri)} ${event.state}`).sort();
    expect(view).toEqual(truth(emulator));
  });
});
