// Stall detection against a real `ws` server: a server that stops answering pings is detected
// within idleTimeout + pongTimeout and reconnected; a quiet but live one is kept.

import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { containerEvent } from '../../lib/testing/index.js';
import { cleanUp, FAST, probe, sleep, startServer, within } from './support/index.js';

jest.setTimeout(6000);
afterEach(cleanUp);

const LIMIT = FAST.idleTimeout + FAST.pongTimeout;
// Timers are late under load; a stall is still detected well before two idle periods more.
const SLACK = 400;

describe('a server that stops answering pings', () => {
  it('is detected within idleTimeout + pongTimeout and reconnected', async () => {
    const server = await startServer({ connection: (c) => void c.send(containerEvent(`c${c.index}`, 'Running')) }, { autoPong: false });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.ofKind('reconnecting').length === 1, 'the stall to be detected', LIMIT + SLACK + 1000);
    const openedAt = p.statusTimes[p.kinds().indexOf('open')]!;
    const detectedAt = p.statusTimes[p.kinds().indexOf('reconnecting')]!;
    expect(detectedAt - openedAt).toBeGreaterThanOrEqual(LIMIT - 20);
    expect(detectedAt - openedAt).toBeLessThan(LIMIT + SLACK);
    const reconnecting = p.ofKind('reconnecting')[0]!;
    expect(reconnecting.error).toBeInstanceOf(ConnectionError);
    expect(reconnecting.error.kind).toBe('stalled');
    expect(server.connections[0]!.pings()).toBe(1);

    await p.until(() => p.ofKind('open').length === 2 && p.events.length === 2, 'the reconnection and its event');
    expect(p.ofKind('open')[1]!.reconnected).toBe(true);
    expect(p.events).toEqual([containerEvent('c0', 'Running'), containerEvent('c1', 'Running')]);
    // The stalled socket was dropped without a close handshake, which it could not complete:
    // the server saw the TCP connection go (1006), and no socket lingers on the client.
    expect((await within(server.connections[0]!.closed, 2000, 'the stalled connection to close')).code).toBe(1006);
  });

  it('is watched from the last frame of a burst, not from the open', async () => {
    // The clock is read once per burst of frames delivered together: the idle period must
    // still start after the burst's last frame.
    const burst = Array.from({ length: 2000 }, (_, i) => containerEvent(`c${i}`, 'Running'));
    const delay = FAST.idleTimeout - 100;
    let sentAt = 0;
    const server = await startServer(
      {
        connection: (c) => {
          if (c.index === 0) {
            setTimeout(() => {
              sentAt = performance.now();
              void c.send(...burst);
            }, delay);
          }
        },
      },
      { autoPong: false },
    );
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === burst.length, 'the burst', 3000);
    const receivedAt = performance.now();
    await p.until(() => p.ofKind('reconnecting').length === 1, 'the stall to be detected', LIMIT + SLACK + 2000);
    const detectedAt = performance.now();
    expect(sentAt).toBeGreaterThan(0);
    // Detected no sooner than idleTimeout + pongTimeout after the burst arrived.
    expect(detectedAt - receivedAt).toBeGreaterThanOrEqual(LIMIT - 20);
    expect(p.ofKind('reconnecting')[0]!.error.kind).toBe('stalled');
    expect(server.connections[0]!.pings()).toBe(1);
  });

  it('that still sends data but reads nothing is detected and replaced while the stream goes on', async () => {
    const server = await startServer({
      connection: (c) => {
        if (c.index === 0) {
          c.stopReading();
          void c.send(containerEvent('before', 'Running'));
        } else {
          void c.send(containerEvent('after', 'Running'));
        }
      },
    });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 2, 'both events', LIMIT + SLACK + 1000);
    expect(p.events).toEqual([containerEvent('before', 'Running'), containerEvent('after', 'Running')]);
    expect(p.ofKind('reconnecting').map((s) => s.error.kind)).toEqual(['stalled']);
    expect(server.connections[0]!.pings()).toBe(0);
    expect(p.ofKind('open').map((s) => s.reconnected)).toEqual([false, true]);
  });

  it('with retry: false ends the stream with a stalled ConnectionError', async () => {
    const server = await startServer({}, { autoPong: false });
    const p = probe({ ...FAST, url: server.url, retry: false });
    await p.until(p.ended, 'the stream to end', LIMIT + SLACK + 1000);
    expect(p.error()).toBeInstanceOf(ConnectionError);
    expect((p.error() as ConnectionError).kind).toBe('stalled');
    expect(server.requests).toHaveLength(1);
  });
});

describe('a quiet server that answers pings', () => {
  it('keeps the connection open past several idle periods, pinged each time', async () => {
    const server = await startServer({ connection: (c) => void c.send(containerEvent('c1', 'Running')) });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 1, 'the event');
    await sleep(5 * FAST.idleTimeout);
    expect(p.kinds()).toEqual(['connecting', 'open']);
    expect(server.connections).toHaveLength(1);
    expect(server.connections[0]!.pings()).toBeGreaterThanOrEqual(3);
    expect(server.connections[0]!.ws.readyState).toBe(server.connections[0]!.ws.OPEN);
  });

  it('that pings the client itself needs no client ping', async () => {
    let interval: NodeJS.Timeout | undefined;
    const server = await startServer({
      connection: (c) => {
        interval = setInterval(() => c.ws.ping(), FAST.idleTimeout / 3);
        void c.closed.then(() => clearInterval(interval));
      },
    });
    try {
      const p = probe({ ...FAST, url: server.url });
      await p.until(() => p.ofKind('open').length === 1, 'the connection to open');
      await sleep(4 * FAST.idleTimeout);
      expect(p.kinds()).toEqual(['connecting', 'open']);
      expect(server.connections[0]!.pings()).toBe(0);
    } finally {
      clearInterval(interval);
    }
  });
});
