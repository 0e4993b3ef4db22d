// publishEvents into a real nats-server with JetStream, consumeEvents back out of it.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { from, lastValueFrom, toArray } from 'rxjs';
import { consumeEvents, publishEvents, type ConsumeStatus, type PublishStatus } from '../../lib/jetstream/index.js';
import { isSynthetic } from '../../lib/resync/WatchedEvent.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { containerEvent, serviceEvent } from '../../lib/testing/eventBuilders.js';
import { startNatsServer, stopAllNatsServers, takeUntilClosed, type NatsServer } from './support/natsServer.js';

jest.setTimeout(60_000);

let nats: NatsServer;
let streamNo = 0;
// JetStream refuses two streams with overlapping subjects: each test has its own prefix.
const fresh = (): { stream: string; subjectPrefix: string } => {
  streamNo += 1;
  return { stream: `T${streamNo}`, subjectPrefix: `t${streamNo}` };
};

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(() => stopAllNatsServers());

const live = (id: string, state: 'Starting' | 'Running' | 'Stopped', second: number, namespace = 'acme'): WatchedEvent =>
  containerEvent(id, state, {
    uuid: `uuid-${id}-${state}-${second}`,
    datetime: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString().replace('.000', ''),
    namespace,
  });

describe('publishEvents', () => {
  it('stores each event under <prefix>.<namespace>.<type>.<action>, creates the stream with the duplicate window, and emits a receipt per event in order', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    const statuses: PublishStatus[] = [];
    const events = [
      live('c1', 'Starting', 1),
      live('c2', 'Running', 2),
      serviceEvent('s1', 'Running', { uuid: 'u-s1', namespace: 'other' }),
    ];
    const receipts = await lastValueFrom(
      from(events).pipe(
        publishEvents({ servers: nats.url, ...target, duplicateWindow: 60_000, status: (s) => statuses.push(s) }),
        toArray(),
      ),
    );
    expect(receipts.map((r) => [r.event, r.seq, r.duplicate])).toEqual([
      [events[0], 1, false],
      [events[1], 2, false],
      [events[2], 3, false],
    ]);
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(stream);
      expect(info.config.subjects).toEqual([`${target.subjectPrefix}.>`]);
      expect(info.config.duplicate_window).toBe(60_000 * 1_000_000);
      expect((await jsm.streams.getMessage(stream, { seq: 3 }))?.subject).toBe(`${target.subjectPrefix}.other.service.update`);
      expect((await jsm.streams.getMessage(stream, { seq: 1 }))?.subject).toBe(`${target.subjectPrefix}.acme.container.update`);
    } finally {
      await nc.close();
    }
    expect(statuses.map((s) => s.kind)).toEqual(['connecting', 'connected', 'closed']);
    expect(statuses[1]).toMatchObject({ kind: 'connected', created: true, stream });
    expect(statuses[2]).toMatchObject({ counters: { published: 3, duplicates: 0, pending: 0 } });
  });

  it('stores a live event once when two relays publish it (its uuid is the message id)', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    const events = [live('c1', 'Starting', 1), live('c1', 'Running', 2)];
    const a = await lastValueFrom(from(events).pipe(publishEvents({ servers: nats.url, ...target }), toArray()));
    const b = await lastValueFrom(from(events).pipe(publishEvents({ servers: nats.url, ...target }), toArray()));
    expect(a.map((r) => [r.seq, r.duplicate])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(b.map((r) => [r.seq, r.duplicate])).toEqual([
      [1, true],
      [2, true],
    ]);
  });

  it('gives a synthetic event a deterministic id made of its content and its listing time', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    const listing = (listedAt: string): WatchedEvent => ({ ...containerEvent('c1', 'Running'), synthetic: true, listedAt });
    const receipts = await lastValueFrom(
      from([listing('2026-01-01T00:00:05.000Z'), listing('2026-01-01T00:00:05.000Z'), listing('2026-01-01T00:00:09.000Z')]).pipe(
        publishEvents({ servers: nats.url, ...target }),
        toArray(),
      ),
    );
    expect(receipts.map((r) => [r.seq, r.duplicate])).toEqual([
      [1, false],
      [1, true],
      [2, false],
    ]);
  });

  it('encodes hostile namespaces into one token, so no event lands on another subject', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    const hostile = ['a.b', 'a_2Eb', '*', '>', 'x y', '_'];
    await lastValueFrom(
      from(hostile.map((ns, i) => live(`h${i}`, 'Running', i, ns))).pipe(publishEvents({ servers: nats.url, ...target }), toArray()),
    );
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const subjects: string[] = [];
      for (let seq = 1; seq <= hostile.length; seq++) subjects.push((await jsm.streams.getMessage(stream, { seq }))!.subject);
      expect(subjects).toEqual([
        `${target.subjectPrefix}.a_2Eb.container.update`,
        `${target.subjectPrefix}.a_5F2Eb.container.update`,
        `${target.subjectPrefix}._2A.container.update`,
        `${target.subjectPrefix}._3E.container.update`,
        `${target.subjectPrefix}.x_20y.container.update`,
        `${target.subjectPrefix}._5F.container.update`,
      ]);
      for (const ns of hostile) {
        const read = await takeUntilClosed<WatchedEvent, ConsumeStatus>(
          (status) => consumeEvents({ servers: nats.url, ...target, filter: { namespace: ns }, status }),
          1,
        );
        expect(read.events.map((e) => e.resource_uri)).toEqual([expect.stringContaining(`/${ns}/`)]);
      }
    } finally {
      await nc.close();
    }
  });
});

describe('consumeEvents', () => {
  it('delivers the stored events decoded, with isSynthetic and finalStateUnknown kept', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    const gone = {
      ...containerEvent('c9', 'Running', { action: 'delete' }),
      synthetic: true,
      finalStateUnknown: true,
      listedAt: '2026-01-01T00:00:09.000Z',
    } as WatchedEvent;
    const events = [live('c1', 'Starting', 1), live('c1', 'Running', 2), gone];
    await lastValueFrom(from(events).pipe(publishEvents({ servers: nats.url, ...target }), toArray()));
    const { events: read } = await takeUntilClosed<WatchedEvent, ConsumeStatus>(
      (status) => consumeEvents({ servers: nats.url, ...target, status }),
      3,
    );
    expect(read).toEqual(events);
    expect(read.map((e) => isSynthetic(e))).toEqual([false, false, true]);
  });

  it('filters on the server by type and namespace', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    const events = [
      live('c1', 'Running', 1, 'acme'),
      serviceEvent('s1', 'Running', { uuid: 'u-s1', namespace: 'acme' }),
      live('c2', 'Running', 2, 'other'),
    ];
    await lastValueFrom(from(events).pipe(publishEvents({ servers: nats.url, ...target }), toArray()));
    const read = await takeUntilClosed<WatchedEvent, ConsumeStatus>(
      (status) => consumeEvents({ servers: nats.url, ...target, filter: { type: 'container', namespace: 'other' }, status }),
      1,
    );
    expect(read.events).toEqual([events[2]]);
    const services = await takeUntilClosed<WatchedEvent, ConsumeStatus>(
      (status) => consumeEvents({ servers: nats.url, ...target, filter: { type: 'service' }, status }),
      1,
    );
    expect(services.events).toEqual([events[1]]);
  });

  it('waits for a stream that does not exist yet, reporting it, instead of failing', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    let waits = 0;
    const first = takeUntilClosed<WatchedEvent, ConsumeStatus>(
      (status) =>
        consumeEvents({
          servers: nats.url,
          ...target,
          retry: { baseDelay: 50, maxDelay: 200 },
          status: (s) => {
            if (s.kind === 'waiting-for-stream') waits += 1;
            status(s);
          },
        }),
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(waits).toBeGreaterThan(1);
    const event = live('c1', 'Running', 1);
    await lastValueFrom(from([event]).pipe(publishEvents({ servers: nats.url, ...target })));
    const { events, statuses } = await first;
    expect(events).toEqual([event]);
    expect(statuses.filter((s) => s.kind !== 'waiting-for-stream').map((s) => s.kind)).toEqual(['connecting', 'consuming', 'closed']);
  });

  it('rejects a message that does not decode, as the websocket rejects a frame, and goes on', async () => {
    const target = fresh();
    const { stream } = target;
    void stream;
    const event = live('c1', 'Running', 1);
    await lastValueFrom(from([event]).pipe(publishEvents({ servers: nats.url, ...target })));
    const nc: NatsConnection = await connect({ servers: nats.url });
    try {
      const { jetstream } = await import('@nats-io/jetstream');
      const js = jetstream(nc);
      await js.publish(`${target.subjectPrefix}.acme.container.update`, '{"type":"container","action":"update","parents":"nope"}');
      await js.publish(`${target.subjectPrefix}.acme.container.update`, '\u001b[2J not json');
    } finally {
      await nc.close();
    }
    const after = live('c2', 'Running', 2);
    await lastValueFrom(from([after]).pipe(publishEvents({ servers: nats.url, ...target })));
    const { events: read, statuses } = await takeUntilClosed<WatchedEvent, ConsumeStatus>(
      (status) => consumeEvents({ servers: nats.url, ...target, status }),
      2,
    );
    expect(read).toEqual([event, after]);
    expect(statuses.filter((s) => s.kind === 'rejected').map((s) => (s as { seq: number }).seq)).toEqual([2, 3]);
  });
});
