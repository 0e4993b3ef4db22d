// The rule that makes two relays safe: a synthetic event (from a relay's listing) never
// undoes a newer live event in what consumers see, even when it is stored after it.
import { from, lastValueFrom, toArray } from 'rxjs';
import { consumeEvents, publishEvents, type ConsumeStatus } from '../../lib/jetstream/index.js';
import { ResourceClocks } from '../../lib/jetstream/ResourceClocks.js';
import { resourceView } from '../../lib/operators/resourceView.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { containerEvent } from '../../lib/testing/eventBuilders.js';
import { startNatsServer, stopAllNatsServers, takeUntilClosed, type NatsServer } from './support/natsServer.js';

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

describe('two relays racing, through a real JetStream', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(() => stopAllNatsServers());

  it("keeps relay A's live state when relay B's older listing is stored after it", async () => {
    const target = { servers: nats.url, stream: 'RACE', subjectPrefix: 'race' };
    const created = live('c1', 'Starting', 1);
    const running = live('c1', 'Running', 10);
    // Relay B listed at second 5 (c1 still Starting… or Stopped, as its listing saw it), but
    // was slow to publish: its synthetic update lands after relay A's live event of second 10.
    const stale = listed('c1', 'Stopped', second(5));
    // A later listing of B (second 20), after c1 stopped while both relays were disconnected.
    const newer = listed('c1', 'Stopped', second(20));
    const relayA = await lastValueFrom(from([created, running]).pipe(publishEvents(target), toArray()));
    const relayB = await lastValueFrom(from([created, stale]).pipe(publishEvents(target), toArray()));
    expect(relayA.map((r) => r.duplicate)).toEqual([false, false]);
    expect(relayB.map((r) => [r.seq, r.duplicate])).toEqual([
      [1, true],
      [3, false],
    ]);

    const first = await takeUntilClosed<WatchedEvent, ConsumeStatus>((status) => consumeEvents({ ...target, status }), 2);
    expect(first.events).toEqual([created, running]);

    await lastValueFrom(from([newer]).pipe(publishEvents(target)));
    const views = await takeUntilClosed<WatchedEvent, ConsumeStatus>((status) => consumeEvents({ ...target, status }), 3);
    expect(views.statuses.filter((s) => s.kind === 'dropped').map((s) => (s as { event: WatchedEvent }).event)).toEqual([stale]);
    const states = await lastValueFrom(from(views.events).pipe(resourceView(), toArray()));
    expect(states.map((view) => [...view.values()].map((e) => `${e.state}${e.synthetic ? '*' : ''}`).join())).toEqual([
      'Starting',
      'Running',
      'Stopped*',
    ]);
  });
});
