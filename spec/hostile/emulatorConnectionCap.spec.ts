// A local client that opens connection after connection to the emulator: past `maxConnections`
// (HTTP and websocket together) a new one is closed at once, and those already open live on.
// Raw TCP sockets and a plain `ws` client on 127.0.0.1.
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { ClientPool, dockerCloud } from '../emulator/support.js';
import { after, rawSocket, type RawSocket } from './support/rawSocket.js';

/** Sends one keep-alive GET and resolves with the status line once the answer came. */
function get(raw: RawSocket, authorization: string): Promise<string> {
  const before = raw.received().length;
  raw.socket.write(`GET /api/app/v1/stack/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\n\r\n`);
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 5000;
    const poll = (): void => {
      const text = raw.received().slice(before);
      if (/\r\n\r\n/.test(text)) resolve(text.split('\r\n')[0]!);
      else if (!raw.open() || Date.now() > deadline) reject(new Error(`no answer (${raw.open() ? 'timeout' : 'closed'})`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('hostile client: too many connections', () => {
  let emulator: Emulator;
  const sockets: RawSocket[] = [];
  const pool = new ClientPool();
  const open = async (): Promise<RawSocket> => {
    const raw = await rawSocket(emulator.port);
    sockets.push(raw);
    return raw;
  };

  beforeEach(async () => {
    emulator = await startEmulator({ paused: true, pingInterval: false, maxConnections: 3 });
  });
  afterEach(async () => {
    for (const raw of sockets.splice(0)) raw.socket.destroy();
    await pool.closeAll();
    await emulator.stop();
  });

  it('closes the connection past maxConnections at once, and keeps the earlier ones serving', async () => {
    const held: RawSocket[] = [];
    for (let i = 0; i < 3; i++) {
      const raw = await open();
      // An answer proves the server accepted it (the kernel accepts before Node does).
      await expect(get(raw, emulator.credentials.authorization)).resolves.toBe('HTTP/1.1 200 OK');
      held.push(raw);
    }
    const extra = await open();
    const ms = await Promise.race([extra.closed, after(2000, -1)]);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(extra.received()).toBe('');
    expect(emulator.stats().connectionsDropped).toBe(1);
    for (const raw of held) {
      expect(raw.open()).toBe(true);
      await expect(get(raw, emulator.credentials.authorization)).resolves.toBe('HTTP/1.1 200 OK');
    }
  });

  it('counts websocket connections in the cap, and accepts again once one closes', async () => {
    const stream = await pool.connect(...dockerCloud(emulator));
    const second = await pool.connect(...dockerCloud(emulator));
    const raw = await open();
    await expect(get(raw, emulator.credentials.authorization)).resolves.toBe('HTTP/1.1 200 OK');
    const extra = await open();
    expect(await Promise.race([extra.closed, after(2000, -1)])).toBeGreaterThanOrEqual(0);
    expect(emulator.stats().connectionsOpen).toBe(2);

    second.ws.close();
    await second.closed;
    // The server counts a connection until its socket closed on its side too.
    let again: RawSocket | undefined;
    for (let i = 0; i < 50 && again === undefined; i++) {
      const attempt = await open();
      const status = await get(attempt, emulator.credentials.authorization).catch(() => undefined);
      if (status === 'HTTP/1.1 200 OK') again = attempt;
      else await after(20, undefined);
    }
    expect(again).toBeDefined();
    emulator.step(1);
    await stream.waitFrames(1);
  });
});
