// An `error` fault on a connection that is stuck: stalled by a `stall` fault, backed up by a
// client that stopped reading, or held in the handshake. Each is still closed, and soon.
import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { ClientPool, dockerCloud } from '../emulator/support.js';
import { after, rawSocket, type RawSocket } from './support/rawSocket.js';

const CLOSE = 300;
const SLACK = 1500;

/** Resolves once `predicate` holds (polled), or rejects after `timeout` ms. */
async function until(predicate: () => boolean, timeout: number, what: string): Promise<number> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await after(10, undefined);
  }
  return Date.now() - start;
}

describe('hostile client: an error fault on a stuck connection', () => {
  let emulator: Emulator;
  const pool = new ClientPool();
  const sockets: RawSocket[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ paused: true, pingInterval: false, timeouts: { close: CLOSE } });
  });
  afterEach(async () => {
    for (const raw of sockets.splice(0)) raw.socket.destroy();
    await pool.closeAll();
    await emulator.stop();
  });

  it('closes a stalled connection: the in-band error, then 1011', async () => {
    const client = await pool.connect(...dockerCloud(emulator));
    const connection = emulator.connections[0]!;
    connection.inject({ kind: 'stall' });
    expect(connection.state).toBe('stalled');
    connection.inject({ kind: 'error', errorMessage: 'boom' });
    const close = await Promise.race([client.closed, after(CLOSE + SLACK, undefined)]);
    expect(close).toEqual({ code: 1011, reason: '' });
    expect(client.texts).toEqual(['{"type":"error","data":{"errorMessage":"boom"}}']);
    await until(() => emulator.connections.length === 0, SLACK, 'the server side of the close');
  });

  it('closes a connection whose client stopped reading, once the close timeout is past', async () => {
    // A websocket handshake by hand, then the client reads nothing more.
    const raw = await rawSocket(emulator.port, { read: false });
    sockets.push(raw);
    const key = randomBytes(16).toString('base64');
    raw.socket.write(
      'GET /api/audit/v1/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\nAuthorization: ${emulator.credentials.authorization}\r\n\r\n`,
    );
    await until(() => emulator.connections.length === 1, 3000, 'the handshake');
    const connection = emulator.connections[0]!;
    // Oversized frames (1.5 MiB each) back the writes up far past the kernel's buffers.
    connection.inject({ kind: 'malformed', frames: 'oversized', every: 1, count: 8 });
    emulator.step(8);
    expect(connection.messagesSent).toBe(16);
    connection.inject({ kind: 'error' });
    expect(connection.state).toBe('closing');
    const ms = await until(() => connection.state === 'closed', CLOSE + SLACK, 'the close');
    expect(ms).toBeLessThan(CLOSE + SLACK);
    expect(emulator.connections).toHaveLength(0);
  });

  it('applies an error fault to a handshake held by delayHandshakes once it is answered', async () => {
    emulator.faults.delayHandshakes({ delay: 200, count: 1 });
    emulator.faults.next({ kind: 'error', errorMessage: 'late' });
    const started = Date.now();
    const client = await pool.connect(...dockerCloud(emulator));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const close = await Promise.race([client.closed, after(CLOSE + SLACK, undefined)]);
    expect(close).toEqual({ code: 1011, reason: '' });
    expect(client.texts).toEqual(['{"type":"error","data":{"errorMessage":"late"}}']);
  });

  it('leaves a well-behaved client the time to answer the close: it gets the whole close handshake', async () => {
    const client = await pool.connect(...dockerCloud(emulator));
    emulator.step(3);
    await client.waitFrames(3);
    emulator.connections[0]!.inject({ kind: 'close', code: 4000, reason: 'bye' });
    expect(await client.closed).toEqual({ code: 4000, reason: 'bye' });
  });
});
