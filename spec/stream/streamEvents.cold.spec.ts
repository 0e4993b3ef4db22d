import { Subject, filter, take, takeUntil } from 'rxjs';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import type { StreamStatus } from '../../lib/stream/StreamStatus.js';
import { FakeWebSocketServer, containerEvent, serviceEvent } from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, StatusLog, at, virtual, TEST_AUTH } from './support/harness.js';

const c1 = containerEvent('c1', 'Running');
const s1 = serviceEvent('s1', 'Scaling');
const frame = (event: unknown) => JSON.stringify(event);

describe('streamEvents: a cold Observable', () => {
  it('opens nothing until subscribed, then one socket per subscription', () => {
    const server = new FakeWebSocketServer();
    virtual(({ expectObservable }) => {
      const events$ = streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH });
      expect(server.sockets).toHaveLength(0);
      at(10, () => {
        expect(server.sockets).toHaveLength(2);
        server.sockets[0]!.open();
        server.sockets[1]!.open();
      });
      at(20, () => server.sockets[0]!.message(frame(c1)));
      at(30, () => server.sockets[1]!.message(frame(s1)));
      at(40, () => server.sockets[0]!.message(frame(s1)));
      // Each subscriber sees only what its own socket delivered.
      expectObservable(events$, '^ 99ms !').toBe('20ms a 19ms b', { a: c1, b: s1 });
      expectObservable(events$, '^ 99ms !').toBe('30ms b', { b: s1 });
    });
    expect(server.sockets).toHaveLength(2);
    expect(server.sockets.map((s) => s.url)).toEqual([`${LOCAL_URL}/api/audit/v1/events/`, `${LOCAL_URL}/api/audit/v1/events/`]);
    expect(server.sockets.map((s) => s.closedWith)).toEqual([1000, 1000]);
  });

  it('closes the socket with 1000 on unsubscribe, reports closed, and never reconnects', () => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    virtual(() => {
      const recording = new Recording(
        streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, status: log.report }),
        5000,
      );
      at(100, () => server.last.open());
      at(200, () => server.last.message(frame(c1)));
      at(4999, () => expect(server.last.closedWith).toBeUndefined());
      // Long after: nothing more happened.
      at(600_000, () => {
        expect(recording.events).toEqual([c1]);
        expect(recording.error).toBeUndefined();
        expect(recording.completedAt).toBeUndefined();
      });
    });
    expect(server.sockets).toHaveLength(1);
    expect(server.last.closedWith).toBe(1000);
    expect(log.kinds()).toEqual(['connecting', 'open', 'closed']);
    expect(log.of('closed')).toEqual([
      { t: 5000, value: { kind: 'closed', counters: { connections: 1, reconnects: 0, events: 1, rejected: 0 } } },
    ]);
  });

  it('closes a socket still connecting, and cancels a pending reconnect, on unsubscribe', () => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, status: log.report }), 500);
      new Recording(
        streamEvents({
          url: LOCAL_URL,
          WebSocket: server.WebSocket,
          auth: TEST_AUTH,
          status: log.report,
          random: () => 0.9,
          retry: { baseDelay: 5000 },
        }),
        3000,
      );
      at(10, () => server.sockets[1]!.fail('connect ECONNREFUSED 127.0.0.1:8080'));
      at(600_000, () => undefined);
    });
    // The first closed while connecting; the second failed, waited, and was cancelled in its delay.
    expect(server.sockets).toHaveLength(2);
    expect(server.sockets[0]!.closedWith).toBe(1000);
    expect(log.of('reconnecting').map((e) => e.t)).toEqual([10]);
    expect(log.of('reconnecting')[0]!.value.delay).toBe(4500);
    expect(log.times('closed')).toEqual([500, 3000]);
  });

  it('closes with 1000 when an operator unsubscribes (take)', () => {
    const server = new FakeWebSocketServer();
    virtual(({ expectObservable }) => {
      at(1, () => server.last.open());
      at(2, () => server.last.message(frame(c1)));
      at(3, () => server.last.message(frame(s1)));
      at(4, () => server.last.message(frame(c1)));
      expectObservable(streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH }).pipe(take(2))).toBe('--a(b|)', {
        a: c1,
        b: s1,
      });
    });
    expect(server.sockets).toHaveLength(1);
    expect(server.last.closedWith).toBe(1000);
  });

  it('opens no further socket when a status observer ends the subscription while reconnecting', () => {
    // A natural pattern: give up on the first reconnect, driven by the status channel.
    const server = new FakeWebSocketServer();
    const seen: StreamStatus['kind'][] = [];
    virtual(() => {
      const status = new Subject<StreamStatus>();
      status.subscribe((s) => seen.push(s.kind));
      const events$ = streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, status });
      const recording = new Recording(events$.pipe(takeUntil(status.pipe(filter((s) => s.kind === 'reconnecting')))));
      at(10, () => server.last.open());
      at(20, () => server.last.serverClose(1006));
      at(600_000, () => expect(recording.completedAt).toBe(20));
    });
    expect(server.sockets).toHaveLength(1);
    expect(server.last.closedWith).toBeUndefined(); // the server closed it
    expect(seen).toEqual(['connecting', 'open', 'reconnecting', 'closed']);
  });

  it('opens no socket when a status observer ends the subscription on connecting', () => {
    const server = new FakeWebSocketServer();
    const seen: StreamStatus['kind'][] = [];
    virtual(() => {
      const status = new Subject<StreamStatus>();
      status.subscribe((s) => seen.push(s.kind));
      const events$ = streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, status, random: () => 0 });
      // Stop at the second attempt's start.
      new Recording(events$.pipe(takeUntil(status.pipe(filter((s) => s.kind === 'connecting' && s.attempt === 1)))));
      at(10, () => server.last.fail('ECONNRESET'));
      at(600_000, () => undefined);
    });
    expect(server.sockets).toHaveLength(1);
    expect(seen).toEqual(['connecting', 'reconnecting', 'connecting', 'closed']);
  });

  it('keeps each subscription’s counters and reconnect state apart', () => {
    const server = new FakeWebSocketServer();
    const a = new StatusLog();
    const b = new StatusLog();
    virtual(() => {
      new Recording(
        streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, status: a.report, random: () => 0 }),
        10_000,
      );
      new Recording(
        streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, status: b.report, random: () => 0 }),
        10_000,
      );
      at(5, () => {
        server.sockets[0]!.open();
        server.sockets[1]!.open();
      });
      at(6, () => server.sockets[0]!.message(frame(c1)));
      at(7, () => server.sockets[1]!.serverClose(1011));
      at(1007, () => server.sockets[2]!.open());
    });
    expect(server.sockets).toHaveLength(3);
    expect(a.of('closed')[0]!.value.counters).toEqual({ connections: 1, reconnects: 0, events: 1, rejected: 0 });
    expect(b.of('closed')[0]!.value.counters).toEqual({ connections: 2, reconnects: 1, events: 0, rejected: 0 });
    expect(b.of('open').map((e) => e.value.reconnected)).toEqual([false, true]);
    expect(a.of('open').map((e) => e.value.reconnected)).toEqual([false]);
  });
});
