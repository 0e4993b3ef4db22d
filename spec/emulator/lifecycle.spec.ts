import { createServer } from 'node:net';
import { isEmulatorError, startEmulator, type Emulator, type EmulatorOptions } from '../../lib/emulator/index.js';
import { ClientPool, delay, dockerCloud } from './support.js';

describe('the emulator server', () => {
  const pool = new ClientPool();
  const running: Emulator[] = [];
  const start = async (options: EmulatorOptions): Promise<Emulator> => {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
  };
  afterEach(async () => {
    await pool.closeAll();
    await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
  });

  describe('addresses', () => {
    it('listens on 127.0.0.1, on a free port, with matching ws and http URLs', async () => {
      const emulator = await start({ paused: true });
      expect(emulator.port).toBeGreaterThan(0);
      expect(emulator.url).toBe(`ws://127.0.0.1:${emulator.port}`);
      expect(emulator.restUrl).toBe(`http://127.0.0.1:${emulator.port}`);
    });
  });

  describe('stop()', () => {
    it('closes every connection with 1001, frees the port, and is idempotent', async () => {
      const emulator = await startEmulator({ paused: true });
      const clients = await Promise.all([pool.connect(...dockerCloud(emulator)), pool.connect(...dockerCloud(emulator))]);
      const { port } = emulator;
      const stopping = emulator.stop();
      expect(emulator.stop()).toBe(stopping);
      await stopping;
      for (const client of clients) expect(await client.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
      // The port is free again.
      await new Promise<void>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
      });
      expect(() => emulator.step(1)).toThrow(/stopped/);
      const error = (() => {
        try {
          emulator.resume();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(isEmulatorError(error) && error.kind).toBe('stopped');
    });

    it('stops promptly with a stalled connection', async () => {
      const emulator = await startEmulator({ paused: true });
      const client = await pool.connect(...dockerCloud(emulator));
      emulator.connections[0]!.inject({ kind: 'stall' });
      const started = Date.now();
      await emulator.stop();
      expect(Date.now() - started).toBeLessThan(500);
      expect((await client.closed).code).toBe(1001);
    });

    it('terminates a client that does not answer the close, within a second', async () => {
      const emulator = await startEmulator({ paused: true });
      const client = await pool.connect(...dockerCloud(emulator));
      client.ws.pause();
      const started = Date.now();
      await emulator.stop();
      expect(Date.now() - started).toBeLessThan(1500);
      client.ws.resume();
      await client.closed;
    });

    it('stops while emitting at full speed, with keep-alive REST connections open', async () => {
      const emulator = await startEmulator({ rate: 'max' });
      const client = await pool.connect(...dockerCloud(emulator));
      await client.waitFrames(100);
      const res = await fetch(`${emulator.restUrl}/api/app/v1/stack/`, { headers: { Authorization: emulator.credentials.authorization } });
      await res.json();
      await emulator.stop();
      expect((await client.closed).code).toBe(1001);
    });
  });

  describe('heartbeat', () => {
    it('pings every connection every pingInterval', async () => {
      const emulator = await start({ paused: true, pingInterval: 30 });
      const client = await pool.connect(...dockerCloud(emulator));
      await client.until(() => client.pings.length >= 3, 1000, 'three pings');
      expect(client.ws.readyState).toBe(client.ws.OPEN);
    });

    it('terminates a connection that does not answer its pings', async () => {
      const emulator = await start({ paused: true, pingInterval: 30 });
      const [url, options] = dockerCloud(emulator);
      const client = await pool.connect(url, { ...options, autoPong: false });
      expect((await client.closed).code).toBe(1006);
      expect(client.pings.length).toBeGreaterThanOrEqual(1);
    });

    it('sends no pings when disabled', async () => {
      const emulator = await start({ paused: true, pingInterval: false });
      const client = await pool.connect(...dockerCloud(emulator));
      await delay(100);
      expect(client.pings).toEqual([]);
    });
  });

  describe('pacing', () => {
    it('emits at the configured rate', async () => {
      const emulator = await start({ rate: 100 });
      await delay(500);
      const emitted = emulator.stats().eventsEmitted;
      expect(emitted).toBeGreaterThanOrEqual(25);
      expect(emitted).toBeLessThanOrEqual(80);
    });

    it('pauses, resumes, steps and changes rate', async () => {
      const emulator = await start({ paused: true, rate: 1000 });
      expect(emulator.paused).toBe(true);
      await delay(50);
      expect(emulator.stats().eventsEmitted).toBe(0);
      expect(emulator.step()).toHaveLength(1);
      expect(emulator.step(0)).toHaveLength(0);
      expect(() => emulator.step(-1)).toThrow(/count/);
      emulator.resume();
      expect(emulator.paused).toBe(false);
      await delay(100);
      emulator.pause();
      const paused = emulator.stats().eventsEmitted;
      expect(paused).toBeGreaterThan(20);
      await delay(50);
      expect(emulator.stats().eventsEmitted).toBe(paused);
      emulator.setRate(10);
      emulator.resume();
      await delay(150);
      expect(emulator.stats().eventsEmitted - paused).toBeLessThanOrEqual(4);
      expect(() => emulator.setRate(0)).toThrow(/rate/);
    });

    it("at rate 'max', emits nothing while no connection listens", async () => {
      const emulator = await start({ rate: 'max' });
      await delay(50);
      expect(emulator.stats().eventsEmitted).toBe(0);
      const client = await pool.connect(...dockerCloud(emulator));
      await client.waitFrames(500);
    });

    it("at rate 'max', waits for a connection that does not read (bufferedAmount backpressure)", async () => {
      const emulator = await start({ rate: Infinity, highWaterMark: 64 * 1024 });
      const client = await pool.connect(...dockerCloud(emulator));
      await client.waitFrames(200);
      client.ws.pause();
      // The kernel's socket buffers fill, then the server's own: emission must stop.
      let previous = -1;
      let current = emulator.stats().eventsEmitted;
      for (let i = 0; i < 40 && current !== previous; i++) {
        await delay(50);
        previous = current;
        current = emulator.stats().eventsEmitted;
      }
      expect(current).toBe(previous);
      client.ws.resume();
      await client.until(() => client.frames.length > current + 200, 5000, 'the backlog and more');
      expect(emulator.stats().eventsEmitted).toBeGreaterThan(current);
    });
  });

  describe('stats', () => {
    it('counts connections, events and REST requests', async () => {
      const emulator = await start({ paused: true });
      const client = await pool.connect(...dockerCloud(emulator));
      emulator.step(7);
      await client.waitFrames(7);
      const res = await fetch(`${emulator.restUrl}/api/app/v1/stack/`);
      await res.text();
      expect(emulator.stats()).toEqual({
        eventsEmitted: 7,
        connectionsAccepted: 1,
        connectionsDropped: 0,
        connectionsOpen: 1,
        handshakesRefused: {},
        restRequests: 1,
        replayFinished: false,
      });
    });
  });
});
