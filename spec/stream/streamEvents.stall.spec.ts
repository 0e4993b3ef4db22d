import fc from 'fast-check';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import { FakeWebSocketServer, containerEvent } from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, StatusLog, at, expectSameError, now, virtual, TEST_AUTH } from './support/harness.js';

const c1 = containerEvent('c1', 'Running');
const frame = JSON.stringify(c1);

function setup(pingable: boolean, extra: Partial<StreamOptions> = {}) {
  const server = new FakeWebSocketServer({ pingable });
  const log = new StatusLog();
  const options: StreamOptions = {
    url: LOCAL_URL,
    WebSocket: server.WebSocket,
    auth: TEST_AUTH,
    status: log.report,
    random: () => 0,
    ...extra,
  };
  return { server, log, options };
}

const firstFailure = (log: StatusLog) => log.of('reconnecting')[0];

describe('streamEvents: stalls where the socket can ping (Node)', () => {
  it('pings after 30 s without a frame and reconnects 15 s later without an answer', () => {
    const { server, log, options } = setup(true);
    virtual(() => {
      new Recording(streamEvents(options), 46_000);
      at(0, () => server.last.open());
      at(29_999, () => expect(server.sockets[0]!.pings).toBe(0));
      at(30_001, () => expect(server.sockets[0]!.pings).toBe(1));
      at(44_999, () => expect(log.of('reconnecting')).toHaveLength(0));
    });
    const failure = firstFailure(log)!;
    expect(failure.t).toBe(45_000);
    expectSameError(failure.value.error, new ConnectionError('No answer to a ping within 15000 ms', { kind: 'stalled' }));
    expect(server.sockets[0]!.pings).toBe(1);
    // A peer that stopped answering cannot complete a close handshake: the socket is dropped.
    expect(server.sockets[0]!.terminated).toBe(true);
    expect(server.sockets[0]!.closedWith).toBeUndefined();
    // The new attempt starts after the delay.
    expect(log.times('connecting')).toEqual([0, 45_000]);
    expect(server.sockets).toHaveLength(2);
  });

  it('keeps a quiet connection that answers its pings', () => {
    const { server, log, options } = setup(true);
    virtual(() => {
      new Recording(streamEvents(options), 80_000);
      at(0, () => server.last.open());
      at(30_100, () => server.last.pong());
      at(60_099, () => expect(server.last.pings).toBe(1));
      at(60_101, () => expect(server.last.pings).toBe(2));
    });
    // The second ping, unanswered, ends it 15 s later.
    expect(log.of('reconnecting').map((e) => [e.t, e.value.error.kind])).toEqual([[75_100, 'stalled']]);
    expect(server.sockets).toHaveLength(2);
  });

  it('keeps a connection alive for an hour on pongs alone', () => {
    const { server, log, options } = setup(true);
    virtual(() => {
      new Recording(streamEvents(options), 3_600_000);
      at(0, () => server.last.open());
      // Answer every ping 2 s after it is sent.
      let answered = 0;
      const check = () => {
        if (server.last.pings > answered) {
          answered = server.last.pings;
          at(2000, () => server.last.pong());
        }
        if (now() < 3_600_000) at(1000, check);
      };
      at(1000, check);
    });
    expect(server.sockets).toHaveLength(1);
    expect(log.of('reconnecting')).toHaveLength(0);
    // One ping every 32 s: 30 s idle after each pong.
    expect(server.last.pings).toBeGreaterThanOrEqual(100);
    expect(server.last.pings).toBeLessThanOrEqual(120);
  });

  it('treats any frame after a ping as an answer', () => {
    const { server, log, options } = setup(true);
    virtual(() => {
      new Recording(streamEvents(options), 100_000);
      at(0, () => server.last.open());
      at(40_000, () => server.last.message(frame));
    });
    // Pinged at 30 s; the frame at 40 s answered it; pinged again at 70 s, unanswered.
    expect(server.sockets[0]!.pings).toBe(2);
    expect(log.of('reconnecting').map((e) => e.t)).toEqual([85_000]);
  });

  it.each([
    ['pings', true, 45_000],
    ['cannot ping', false, 30_000],
  ])(
    'detects a dead connection exactly at the default bound after its last frame, when the socket %s (property)',
    (_name, pingable, bound) => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: bound - 1 }), { maxLength: 12 }), (gaps) => {
          const { server, log, options } = setup(pingable);
          const times = gaps.reduce<number[]>((acc, gap) => [...acc, (acc.at(-1) ?? 0) + gap], []);
          const last = times.at(-1) ?? 0;
          let recording: Recording | undefined;
          virtual(() => {
            recording = new Recording(streamEvents(options), last + bound + 1);
            at(0, () => server.last.open());
            for (const t of times) at(t, () => server.last.message(frame));
          });
          expect(log.of('reconnecting').map((e) => [e.t, e.value.error.kind])).toEqual([[last + bound, 'stalled']]);
          expect(recording!.events).toHaveLength(times.length);
        }),
        { numRuns: 50 },
      );
    },
  );

  it('honours custom idleTimeout and pongTimeout', () => {
    const { server, log, options } = setup(true, { idleTimeout: 5000, pongTimeout: 1000 });
    virtual(() => {
      new Recording(streamEvents(options), 10_000);
      at(0, () => server.last.open());
      at(4999, () => expect(server.last.pings).toBe(0));
      at(5001, () => expect(server.last.pings).toBe(1));
    });
    expect(firstFailure(log)).toMatchObject({ t: 6000, value: { error: { message: 'No answer to a ping within 1000 ms' } } });
  });

  it('reconnects when the ping cannot be sent', () => {
    const { server, log, options } = setup(true);
    virtual(() => {
      new Recording(streamEvents(options), 31_000);
      at(0, () => {
        server.last.open();
        (server.last as { ping?: () => void }).ping = () => {
          throw new Error('WebSocket is not open');
        };
      });
    });
    expect(firstFailure(log)).toMatchObject({
      t: 30_000,
      value: { error: { kind: 'stalled', message: 'The connection could not send a ping' } },
    });
  });
});

describe('streamEvents: stalls where the socket cannot ping (browser)', () => {
  it('reconnects at once after 30 s without a frame', () => {
    const { server, log, options } = setup(false);
    virtual(() => {
      new Recording(streamEvents(options), 31_000);
      at(0, () => server.last.open());
      at(29_999, () => expect(log.of('reconnecting')).toHaveLength(0));
    });
    expect(firstFailure(log)!.t).toBe(30_000);
    expectSameError(firstFailure(log)!.value.error, new ConnectionError('No frame within 30000 ms', { kind: 'stalled' }));
    expect(server.sockets[0]!.closedWith).toBe(1000);
    expect(server.sockets[0]!.pings).toBe(0);
  });

  it('restarts the idle clock on every frame, rejected frames included', () => {
    const { server, log, options } = setup(false);
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(streamEvents(options), 100_001);
      at(0, () => server.last.open());
      at(20_000, () => server.last.message(frame));
      at(45_000, () => server.last.message('not json'));
      at(70_000, () => server.last.message(frame));
    });
    // 30 s after the last frame, not after the open.
    expect(log.of('reconnecting').map((e) => e.t)).toEqual([100_000]);
    expect(recording!.values.map((v) => v.t)).toEqual([20_000, 70_000]);
    expect(log.of('rejected').map((e) => e.t)).toEqual([45_000]);
  });
});

describe('streamEvents: connect timeout', () => {
  it('gives up an attempt that does not open within 20 s, and bounds every attempt', () => {
    const { server, log, options } = setup(true);
    virtual(() => {
      new Recording(streamEvents(options), 60_000);
      at(19_999, () => expect(log.of('reconnecting')).toHaveLength(0));
    });
    // Attempts at 0, 20000 (delay 0: minInterval is long past), 40000.
    expect(log.of('reconnecting').map((e) => [e.t, e.value.error.kind, e.value.error.message])).toEqual([
      [20_000, 'timeout', 'No connection within 20000 ms'],
      [40_000, 'timeout', 'No connection within 20000 ms'],
    ]);
    expect(log.times('connecting')).toEqual([0, 20_000, 40_000]);
    expect(server.sockets.slice(0, 2).map((s) => s.closedWith)).toEqual([1000, 1000]);
  });

  it('honours a custom connectTimeout and stops counting once open', () => {
    const { server, log, options } = setup(false, { connectTimeout: 5000 });
    virtual(() => {
      new Recording(streamEvents(options), 39_000);
      at(4999, () => server.last.open());
    });
    // Opened in time; the stall watchdog, started at the open, ends it 30 s later.
    expect(log.of('reconnecting').map((e) => [e.t, e.value.error.kind])).toEqual([[34_999, 'stalled']]);
  });

  it('runs no stall watchdog while connecting', () => {
    const { log, options } = setup(true, { connectTimeout: 60_000 });
    virtual(() => {
      new Recording(streamEvents(options), 59_999);
    });
    expect(log.of('reconnecting')).toHaveLength(0);
  });
});
