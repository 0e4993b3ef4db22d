// A durable consumer stopped (take(50)) and started again resumes with no repeat and no gap:
// the 50th is acknowledged although the subscriber unsubscribed inside its `next`, and the
// messages fetched ahead are handed back, never acknowledged.
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { from, lastValueFrom, toArray } from 'rxjs';
import { consumeEvents, publishEvents, type ConsumeStatus } from '../../lib/jetstream/index.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { containerEvent } from '../../lib/testing/eventBuilders.js';
import { startNatsServer, stopAllNatsServers, takeUntilClosed, type NatsServer } from './support/natsServer.js';

jest.setTimeout(60_000);

let nats: NatsServer;
beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(() => stopAllNatsServers());

// 130 events of 130 containers (no per-resource ordering in play), one second apart.
const events: WatchedEvent[] = Array.from({ length: 130 }, (_, i) =>
  containerEvent(`c${i}`, 'Running', {
    uuid: `u-${i}`,
    datetime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString().replace('.000', ''),
  }),
);
const ids = (list: readonly WatchedEvent[]): string[] => list.map((e) => e.uuid ?? '?');

it.each([1, 16, 64])('resumes right after the last event delivered (batch %i)', async (batch) => {
  const target = { servers: nats.url, stream: `DURABLE${batch}`, subjectPrefix: `durable${batch}` };
  await lastValueFrom(from(events).pipe(publishEvents(target), toArray()));
  const read = (count: number) =>
    takeUntilClosed<WatchedEvent, ConsumeStatus>((status) => consumeEvents({ ...target, durable: 'reader', batch, status }), count);

  const first = await read(50);
  expect(ids(first.events)).toEqual(ids(events.slice(0, 50)));
  const second = await read(50);
  expect(ids(second.events)).toEqual(ids(events.slice(50, 100)));
  const third = await read(30);
  expect(ids(third.events)).toEqual(ids(events.slice(100, 130)));

  // The server agrees: everything delivered is acknowledged, nothing else is pending.
  const nc = await connect({ servers: nats.url });
  try {
    const info = await (await jetstreamManager(nc)).consumers.info(target.stream, 'reader');
    expect(info.name).toBe('reader');
    expect(info.ack_floor.stream_seq).toBe(130);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
  } finally {
    await nc.close();
  }
});

it("starts a new durable at the stream's end with deliver: 'new'", async () => {
  const target = { servers: nats.url, stream: 'NEWONLY', subjectPrefix: 'newonly' };
  await lastValueFrom(from(events.slice(0, 10)).pipe(publishEvents(target), toArray()));
  const reading = takeUntilClosed<WatchedEvent, ConsumeStatus>(
    (status) => consumeEvents({ ...target, durable: 'late', deliver: 'new', status }),
    2,
  );
  // Published once the consumer exists: it is 'consuming' within a moment.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await lastValueFrom(from(events.slice(10, 12)).pipe(publishEvents(target), toArray()));
  expect(ids((await reading).events)).toEqual(ids(events.slice(10, 12)));
});
