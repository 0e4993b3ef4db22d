import { asyncScheduler, map, ReplaySubject, share } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { connectionLive, ofType, settled, streamEvents, type StreamStatus } from '../../lib/index.js';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { MessageError } from '../../lib/errors/MessageError.js';
import { createEventTestScheduler, FakeWebSocketServer, serviceEvent } from '../../lib/testing/index.js';

const counters = { connections: 1, reconnects: 0, events: 0, rejected: 0 };
const URL = 'ws://127.0.0.1:1/api/audit/v1/events/';

describe('connectionLive', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('is true while the socket is open, false from a disconnect until the next open, without repeats', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const statuses = cold<StreamStatus>('c o a r l c o x', {
        c: { kind: 'connecting', attempt: 0, url: URL, counters },
        o: { kind: 'open', reconnected: false, url: URL, counters },
        a: { kind: 'authenticated', counters },
        r: { kind: 'rejected', error: new MessageError('bad frame', { kind: 'syntax' }), counters },
        l: {
          kind: 'reconnecting',
          attempt: 1,
          delay: 500,
          error: new ConnectionError('dropped', { kind: 'closed', closeCode: 1006 }),
          counters,
        },
        x: { kind: 'closed', counters },
      });
      expectObservable(connectionLive(statuses)).toBe('f t - - f - t f', { t: true, f: false });
    });
  });

  it('takes a replayed rejected or authenticated status as open: they only come on an open socket', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const rejected = cold<StreamStatus>('r', { r: { kind: 'rejected', error: new MessageError('bad', { kind: 'syntax' }), counters } });
      expectObservable(connectionLive(rejected)).toBe('t', { t: true });
    });
  });

  it('keeps settled over a plain stream from firing while the socket is down', () => {
    scheduler.run(({ expectObservable }) => {
      const server = new FakeWebSocketServer();
      const statuses = new ReplaySubject<StreamStatus>(1);
      const events$ = streamEvents({
        url: 'ws://127.0.0.1:1',
        auth: { user: 'me', apiKey: 'key' },
        WebSocket: server.WebSocket,
        random: () => 0.5,
        status: (status) => statuses.next(status),
      }).pipe(share());
      const at = (ms: number, work: () => void) => asyncScheduler.schedule(work, ms);
      at(10, () => server.last.open());
      at(20, () => server.last.message(JSON.stringify(serviceEvent('web', 'Running'))));
      at(50, () => server.last.serverClose(1006)); // down before the quiet time is over: retried at 1000
      at(1010, () => server.last.open());
      const settles = events$.pipe(
        ofType('service'),
        settled(100, { live: connectionLive(statuses) }),
        map((view) => view.size),
      );
      // Ungated, it would fire at 120, while the socket is down; it fires 100 ms after the reopen.
      expectObservable(settles, '^ 2000ms !').toBe('1110ms a', { a: 1 });
    });
  });
});
