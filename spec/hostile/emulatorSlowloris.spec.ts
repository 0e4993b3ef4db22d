// A local client that opens connections to the emulator and never finishes a request (the
// "slowloris" attack), or finishes one and then idles: each is closed within its timeout, so
// that no client can hold the emulator's descriptors. Raw TCP sockets on 127.0.0.1.
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { after, rawSocket, type RawSocket } from './support/rawSocket.js';

const REQUEST = 300;
const IDLE = 300;
/** Node keeps an idle keep-alive socket one second past `keepAliveTimeout`, for a client that reuses it at the last moment. */
const NODE_GRACE = 1000;
/** Slack for a loaded machine: a close within the timeout plus this passes. */
const SLACK = 1500;

describe('hostile client: requests that never end', () => {
  let emulator: Emulator;
  const sockets: RawSocket[] = [];
  const open = async (): Promise<RawSocket> => {
    const raw = await rawSocket(emulator.port);
    sockets.push(raw);
    return raw;
  };

  beforeEach(async () => {
    emulator = await startEmulator({ paused: true, pingInterval: false, timeouts: { request: REQUEST, idle: IDLE } });
  });
  afterEach(async () => {
    for (const raw of sockets.splice(0)) raw.socket.destroy();
    await emulator.stop();
  });

  it('closes a connection that sends nothing at all within the request timeout', async () => {
    const raw = await open();
    const ms = await Promise.race([raw.closed, after(REQUEST + SLACK, -1)]);
    expect(ms).toBeGreaterThanOrEqual(REQUEST - 50);
    expect(ms).toBeLessThan(REQUEST + SLACK);
  });

  it('closes a connection that sends half a request line, answering 408', async () => {
    const raw = await open();
    raw.socket.write('GET /api/app/v1/serv');
    const ms = await Promise.race([raw.closed, after(REQUEST + SLACK, -1)]);
    expect(ms).toBeGreaterThanOrEqual(REQUEST - 50);
    expect(ms).toBeLessThan(REQUEST + SLACK);
    expect(raw.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection that trickles headers, one byte at a time, without ever ending them', async () => {
    const raw = await open();
    raw.socket.write('GET /api/app/v1/service/ HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => raw.socket.write('X'), 50);
    const ms = await Promise.race([raw.closed, after(REQUEST + SLACK, -1)]);
    clearInterval(trickle);
    expect(ms).toBeGreaterThanOrEqual(REQUEST - 50);
    expect(ms).toBeLessThan(REQUEST + SLACK);
  });

  it('closes a websocket upgrade whose headers never end, before any handshake', async () => {
    const raw = await open();
    raw.socket.write(
      'GET /api/audit/v1/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n',
    );
    const ms = await Promise.race([raw.closed, after(REQUEST + SLACK, -1)]);
    expect(ms).toBeGreaterThanOrEqual(REQUEST - 50);
    expect(ms).toBeLessThan(REQUEST + SLACK);
    expect(emulator.stats().connectionsAccepted).toBe(0);
  });

  it('closes a keep-alive connection that idles after its answer after the idle timeout (and Node’s second of grace), not before', async () => {
    const raw = await open();
    raw.socket.write(
      `GET /api/app/v1/service/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${emulator.credentials.authorization}\r\n\r\n`,
    );
    const ms = await Promise.race([raw.closed, after(IDLE + NODE_GRACE + SLACK, -1)]);
    expect(raw.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(ms).toBeGreaterThanOrEqual(IDLE);
    expect(ms).toBeLessThan(IDLE + NODE_GRACE + SLACK);
  });

  it('serves a well-behaved keep-alive client request after request, each well within the timeouts', async () => {
    const raw = await open();
    const request = `GET /api/app/v1/service/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${emulator.credentials.authorization}\r\n\r\n`;
    for (let i = 0; i < 4; i++) {
      raw.socket.write(request);
      await after(IDLE / 3, undefined);
    }
    await after(50, undefined);
    expect(raw.received().match(/HTTP\/1\.1 200 /g)).toHaveLength(4);
  });
});

describe('hostile client: a websocket upgrade, then nothing', () => {
  it('terminates a stream connection whose client never reads nor answers a ping, by the heartbeat', async () => {
    const PING = 100;
    const emulator = await startEmulator({ paused: true, pingInterval: PING });
    const raw = await rawSocket(emulator.port, { read: false });
    try {
      raw.socket.write(
        'GET /api/audit/v1/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\n` +
          `Authorization: ${emulator.credentials.authorization}\r\n\r\n`,
      );
      const start = Date.now();
      while (emulator.stats().connectionsAccepted === 0 && Date.now() - start < 3000) await after(10, undefined);
      expect(emulator.stats().connectionsAccepted).toBe(1);
      // One ping unanswered, then terminated at the next beat: two intervals, give or take one.
      while (emulator.connections.length > 0 && Date.now() - start < 3 * PING + SLACK) await after(10, undefined);
      expect(emulator.connections).toHaveLength(0);
      expect(Date.now() - start).toBeGreaterThanOrEqual(PING);
    } finally {
      raw.socket.destroy();
      await emulator.stop();
    }
  });
});

describe('the emulator’s limits as options', () => {
  it.each([
    [{ timeouts: { request: 0 } }, 'timeouts.request'],
    [{ timeouts: { idle: 2 ** 31 } }, 'timeouts.idle'],
    [{ timeouts: { close: 1.5 } }, 'timeouts.close'],
    [{ timeouts: 'fast' as never }, 'timeouts'],
    [{ maxConnections: 0 }, 'maxConnections'],
  ])('rejects %j, naming %s', async (options, option) => {
    await expect(startEmulator({ paused: true, ...options })).rejects.toMatchObject({ kind: 'options', option });
  });
});
