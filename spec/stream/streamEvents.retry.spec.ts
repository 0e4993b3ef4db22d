import fc from 'fast-check';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import type { RetryOptions, StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import { FakeWebSocketServer, containerEvent } from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, StatusLog, at, scriptedServer, virtual, TEST_AUTH } from './support/harness.js';

const c1 = containerEvent('c1', 'Running');
const frame = (event: unknown) => JSON.stringify(event);
const ceiling = (attempt: number, base = 1000, cap = 30_000) => Math.min(cap, base * 2 ** attempt);

/** A random() that returns `draws` in turn, cycling. */
function sequence(draws: readonly number[]): () => number {
  let i = 0;
  return () => draws[i++ % draws.length]!;
}

/** A server refusing every attempt `lag(i)` ms after it starts. */
const refusing = (lag: (i: number) => number = () => 0) =>
  scriptedServer((socket, i) => {
    at(lag(i), () => socket.fail('connect ECONNREFUSED 127.0.0.1:8080'));
  });

function options(server: FakeWebSocketServer, log: StatusLog, extra: Partial<StreamOptions> = {}, retry: RetryOptions = {}): StreamOptions {
  return { url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, status: log.report, idleTimeout: 3_600_000, ...extra, retry };
}

describe('streamEvents: reconnecting with full-jitter backoff', () => {
  it('waits random · min(cap, base · 2^attempt) before each new attempt, then reconnects', () => {
    const draws = [0.5, 0.25, 0.9, 0.1, 0.75, 0.999, 0.3, 0.6];
    const server = refusing(() => 1500); // past minInterval, so only the backoff counts
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: sequence(draws) })), 300_000);
    });
    const reconnecting = log.of('reconnecting');
    const connecting = log.of('connecting');
    expect(reconnecting.length).toBeGreaterThanOrEqual(draws.length);
    reconnecting.slice(0, draws.length).forEach((entry, i) => {
      expect(entry.value.attempt).toBe(i + 1);
      expect(entry.value.delay).toBe(Math.floor(draws[i]! * ceiling(i)));
      expect(entry.value.error).toBeInstanceOf(ConnectionError);
      expect(entry.value.error.kind).toBe('network');
      // The next attempt starts exactly when the delay ends.
      expect(connecting[i + 1]!.t).toBe(entry.t + entry.value.delay);
      expect(connecting[i + 1]!.value.attempt).toBe(i + 1);
      expect(connecting[i + 1]!.value.counters.reconnects).toBe(i + 1);
    });
    expect(server.sockets.length).toBe(connecting.length);
    expect(log.kinds().at(-1)).toBe('closed');
    expect(log.kinds().filter((k) => k === 'closed')).toHaveLength(1);
  });

  it('keeps every delay inside its bound and every attempt start ≥ minInterval after the last (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 20, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 50, max: 5000 }),
        fc.integer({ min: 0, max: 60_000 }),
        (draws, lags, base, extra) => {
          const cap = base + extra;
          const server = refusing((i) => lags[i % lags.length]!);
          const log = new StatusLog();
          virtual(() => {
            new Recording(
              streamEvents(options(server, log, { random: sequence(draws) }, { baseDelay: base, maxDelay: cap })),
              20 * (cap + 4000),
            );
          });
          const connecting = log.of('connecting');
          const reconnecting = log.of('reconnecting');
          expect(reconnecting.length).toBeGreaterThanOrEqual(20);
          // Checked without expect() per attempt, which would dominate the run time.
          const violations: string[] = [];
          reconnecting.forEach((entry, i) => {
            const started = connecting[i]!.t;
            const floor = 1000 - (entry.t - started);
            const bound = ceiling(i, base, cap);
            const { delay } = entry.value;
            if (delay !== Math.max(Math.floor(draws[i % draws.length]! * bound), floor))
              violations.push(`#${i}: ${delay} is not the draw or the floor`);
            if (delay < Math.max(0, floor)) violations.push(`#${i}: ${delay} below the floor ${floor}`);
            if (delay > Math.max(bound, floor) || delay > Math.max(cap, 1000)) violations.push(`#${i}: ${delay} above the bound ${bound}`);
            const next = connecting[i + 1];
            if (next !== undefined && next.t - started < 1000) violations.push(`#${i}: next start ${next.t - started} ms after this one`);
          });
          expect(violations).toEqual([]);
          expect(log.of('closed')[0]!.value.error).toBeUndefined();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('holds the cap for many failures in a row', () => {
    const server = refusing(() => 5);
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: () => 1 - Number.EPSILON }, { minInterval: 0 })), 60 * 30_000);
    });
    const delays = log.of('reconnecting').map((e) => e.value.delay);
    expect(delays.length).toBeGreaterThan(50);
    expect(delays.slice(0, 7)).toEqual([999, 1999, 3999, 7999, 15_999, 29_999, 29_999]);
    expect(Math.max(...delays)).toBe(29_999);
    expect(delays.slice(5).every((d) => d === 29_999)).toBe(true);
  });

  it('waits the full delay when random draws NaN, Infinity or a number outside [0, 1)', () => {
    const draws = [Number.NaN, Infinity, -1, 1, 2.5, Number.NaN];
    const server = refusing(() => 5);
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: sequence(draws) }, { minInterval: 0 })), 200_000);
    });
    const reconnecting = log.of('reconnecting');
    const connecting = log.of('connecting');
    expect(reconnecting.length).toBeGreaterThanOrEqual(draws.length);
    reconnecting.slice(0, draws.length).forEach((entry, i) => {
      expect(entry.value.delay).toBe(ceiling(i));
      // Never at once: the next attempt waits the whole ceiling.
      expect(connecting[i + 1]!.t - entry.t).toBe(ceiling(i));
    });
  });

  it('respects baseDelay and maxDelay', () => {
    const server = refusing(() => 5);
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: () => 0.5 }, { baseDelay: 250, maxDelay: 2000, minInterval: 0 })), 30_000);
    });
    const delays = log.of('reconnecting').map((e) => e.value.delay);
    expect(delays.slice(0, 6)).toEqual([125, 250, 500, 1000, 1000, 1000]);
    expect(Math.max(...delays)).toBe(1000);
  });

  it('retries forever by default', () => {
    const server = refusing();
    const log = new StatusLog();
    let seed = 7;
    const lcg = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: lcg })), 6 * 3_600_000);
    });
    expect(server.sockets.length).toBeGreaterThan(500);
    expect(log.of('reconnecting').at(-1)!.value.attempt).toBe(server.sockets.length);
    expect(log.of('closed')).toHaveLength(1);
    expect(log.of('closed')[0]!.value.error).toBeUndefined();
  });

  it('reconnects after the server closes cleanly, abnormally, or a 5xx handshake, with the failure kind', () => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: () => 0 })), 20_000);
      at(10, () => server.last.open());
      at(20, () => server.last.serverClose(1000, 'bye'));
      at(1010, () => server.last.open());
      at(1500, () => server.last.serverClose(1006));
      at(2500, () => server.last.fail('Unexpected server response: 503'));
      at(3500, () => server.last.fail(''));
    });
    const errors = log.of('reconnecting').map((e) => e.value.error);
    expect(errors.map((e) => [e.kind, e.closeCode])).toEqual([
      ['closed', 1000],
      ['closed', 1006],
      ['server', undefined],
      ['network', undefined],
    ]);
    expect(errors[0]!.message).toBe('The server closed the connection (code 1000: bye)');
    expect(errors[2]!.message).toBe('The server failed the handshake (HTTP 503)');
    expect(errors[3]!.message).toBe('The connection failed');
    // Each next start is 1000 ms after the last (draws of 0), never sooner.
    expect(log.times('connecting')).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('reports open with reconnected: true after any earlier connection, and keeps counters', () => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: () => 0 })), 10_000);
      at(1, () => server.last.open());
      at(2, () => server.last.message(frame(c1)));
      at(3, () => server.last.serverClose(1001));
      at(1001, () => server.last.fail('ECONNREFUSED'));
      at(2001, () => server.last.open());
      at(2002, () => server.last.message(frame(c1)));
    });
    expect(log.of('open').map((e) => [e.t, e.value.reconnected])).toEqual([
      [1, false],
      [2001, true],
    ]);
    expect(log.of('open')[1]!.value.counters).toEqual({ connections: 2, reconnects: 2, events: 1, rejected: 0 });
    expect(log.of('closed')[0]!.value.counters).toEqual({ connections: 2, reconnects: 2, events: 2, rejected: 0 });
  });
});

describe('streamEvents: when the backoff resets', () => {
  /**
   * Three attempts time out (2 s each), the fourth starts at 9500, opens at 9501 and is closed
   * by the server `lifetime` ms later; returns the reconnecting status after that close.
   */
  function afterConnectionOf(lifetime: number, retry: RetryOptions = {}, deliver = false) {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, { random: () => 0.5, connectTimeout: 2000 }, retry)), 9501 + lifetime + 1);
      at(9501, () => server.last.open());
      if (deliver) at(9600, () => server.last.message(frame(c1)));
      at(9501 + lifetime, () => server.last.serverClose(1006));
    });
    const reconnecting = log.of('reconnecting');
    expect(log.times('connecting').slice(0, 4)).toEqual([0, 2500, 5500, 9500]);
    expect(reconnecting.slice(0, 3).map((e) => e.value.delay)).toEqual([500, 1000, 2000]);
    expect(log.times('open')).toEqual([9501]);
    expect(reconnecting[3]!.t).toBe(9501 + lifetime);
    return reconnecting[3]!.value;
  }

  it('draws from attempt 0 after a connection that stayed open resetAfter (60 s by default)', () => {
    const next = afterConnectionOf(60_000);
    expect(next.attempt).toBe(1);
    expect(next.delay).toBe(500); // 0.5 · 1000
  });

  it('does not reset after a shorter connection, even one that delivered events', () => {
    const next = afterConnectionOf(59_999, {}, true);
    expect(next.attempt).toBe(4);
    expect(next.delay).toBe(4000); // 0.5 · 8000
  });

  it('honours a custom resetAfter', () => {
    expect(afterConnectionOf(5000, { resetAfter: 5000 })).toMatchObject({ attempt: 1, delay: 500 });
    expect(afterConnectionOf(4999, { resetAfter: 5000 })).toMatchObject({ attempt: 4, delay: 4000 });
  });

  it('resets maxAttempts’ count too: only consecutive failures give up', () => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(streamEvents(options(server, log, { random: () => 0 }, { maxAttempts: 3, resetAfter: 10_000 })), 100_000);
      at(10, () => server.last.fail('ECONNREFUSED')); // 1
      at(1010, () => server.last.open());
      at(11_010, () => server.last.serverClose(1006)); // healthy: count restarts at 1
      at(12_010, () => server.last.fail('ECONNREFUSED')); // 2
      at(13_010, () => server.last.open());
      at(13_020, () => server.last.serverClose(1006)); // 3: gives up
    });
    expect(log.of('reconnecting').map((e) => e.value.attempt)).toEqual([1, 1, 2]);
    expect(recording!.error?.t).toBe(13_020);
    expect(recording!.error?.value).toMatchObject({ name: 'ConnectionError', attempts: 3, kind: 'closed', closeCode: 1006 });
  });
});

describe('streamEvents: a server that accepts and closes at once', () => {
  const acceptThenClose = (deliver = false) =>
    scriptedServer((socket) => {
      socket.open();
      if (deliver) socket.message(frame(c1));
      socket.serverClose(1000);
    });

  function startsOver(minutes: number, extra: Partial<StreamOptions>, retry: RetryOptions = {}, deliver = false) {
    const server = acceptThenClose(deliver);
    const log = new StatusLog();
    virtual(() => {
      new Recording(streamEvents(options(server, log, extra, retry)), minutes * 60_000);
    });
    const starts = log.times('connecting');
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    return { server, log, starts, gaps };
  }

  it('is hit at most once a second over 10 minutes, even when every draw is 0', () => {
    const { starts, gaps, log } = startsOver(10, { random: () => 0 });
    expect(Math.min(...gaps)).toBe(1000);
    expect(starts.length).toBe(600);
    // Every close counts as a failure: the attempt count only grows.
    const attempts = log.of('reconnecting').map((e) => e.value.attempt);
    expect(attempts).toEqual(attempts.map((_, i) => i + 1));
  });

  it('is hit at most once a second whatever the draws (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: 1, maxLength: 20 }), (draws) => {
        const { gaps } = startsOver(3, { random: sequence(draws) });
        expect(gaps.length).toBeGreaterThan(10);
        expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
      }),
      { numRuns: 25 },
    );
  });

  it('is hit at most once a second when it delivers an event before closing', () => {
    const { gaps } = startsOver(2, { random: () => 0 }, {}, true);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });

  it('honours a custom minInterval', () => {
    const { gaps } = startsOver(5, { random: () => 0 }, { minInterval: 2500 });
    expect(gaps.length).toBeGreaterThan(100);
    expect(gaps.every((g) => g === 2500)).toBe(true);
  });

  it('counts an empty sub-second connection as a failure even when resetAfter is shorter', () => {
    // resetAfter 0 makes any connection "healthy" by age; closing within 1 s with nothing
    // delivered must still count, or maxAttempts could never be reached.
    const { log, starts } = startsOver(5, { random: () => 0.5 }, { resetAfter: 0, maxAttempts: 4 });
    expect(log.of('reconnecting').map((e) => [e.value.attempt, e.value.delay])).toEqual([
      [1, 1000],
      [2, 1000],
      [3, 2000],
    ]);
    expect(starts).toEqual([0, 1000, 2000, 4000]);
    const closed = log.of('closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.value.error).toMatchObject({ name: 'ConnectionError', attempts: 4 });
  });

  it('resets on age alone when resetAfter is shorter and the connection delivered a message', () => {
    const { log } = startsOver(1, { random: () => 0.5 }, { resetAfter: 0, minInterval: 0 }, true);
    const attempts = log.of('reconnecting').map((e) => e.value.attempt);
    expect(attempts.length).toBeGreaterThan(10);
    expect(new Set(attempts)).toEqual(new Set([1]));
  });
});

describe('streamEvents: maxAttempts', () => {
  it('gives up after maxAttempts consecutive failures with a ConnectionError carrying attempts', () => {
    const server = refusing();
    const log = new StatusLog();
    virtual(({ expectObservable }) => {
      const events$ = streamEvents(options(server, log, { random: () => 0 }, { maxAttempts: 3 }));
      // Attempts start at 0, 1000 and 2000 (minInterval), each refused at once.
      expectObservable(events$).toBe(
        '2000ms #',
        undefined,
        new ConnectionError('The connection failed: connect ECONNREFUSED 127.0.0.1:8080 (gave up after 3 attempts)', {
          kind: 'network',
          attempts: 3,
        }),
      );
    });
    expect(server.sockets).toHaveLength(3);
    expect(log.of('reconnecting').map((e) => e.value.attempt)).toEqual([1, 2]);
    const closed = log.of('closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.t).toBe(2000);
    expect(closed[0]!.value.error).toMatchObject({ name: 'ConnectionError', attempts: 3, kind: 'network' });
    expect(closed[0]!.value.counters).toEqual({ connections: 0, reconnects: 2, events: 0, rejected: 0 });
  });

  it('gives up at once with maxAttempts 1', () => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    virtual(({ expectObservable }) => {
      at(20_000, () => undefined);
      expectObservable(streamEvents(options(server, log, {}, { maxAttempts: 1 }))).toBe(
        '20000ms #',
        undefined,
        new ConnectionError('No connection within 20000 ms (gave up after 1 attempts)', { kind: 'timeout', attempts: 1 }),
      );
    });
    expect(server.sockets).toHaveLength(1);
    expect(server.last.closedWith).toBe(1000);
    expect(log.of('reconnecting')).toHaveLength(0);
  });
});
