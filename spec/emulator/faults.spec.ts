import { isEmulatorError, startEmulator, type ConnectionFault, type Emulator } from '../../lib/emulator/index.js';
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import { ClientPool, HandshakeRefused, delay, dockerCloud, expectResourceEvent, handshakeStatus, rest } from './support.js';

describe('fault injection', () => {
  let emulator: Emulator;
  const pool = new ClientPool();

  beforeEach(async () => {
    emulator = await startEmulator({ seed: 'faults', paused: true, world: { stacks: 2 } });
  });
  afterEach(async () => {
    await pool.closeAll();
    await emulator.stop();
  });

  const connect = () => pool.connect(...dockerCloud(emulator));

  describe('drop', () => {
    it('terminates the TCP socket after N messages, every one of them delivered (1006)', async () => {
      emulator.faults.next({ kind: 'drop', afterMessages: 3 });
      const client = await connect();
      emulator.step(10);
      const close = await client.closed;
      expect(close.code).toBe(1006);
      expect(client.frames).toHaveLength(3);
      client.frames.forEach((frame) => expectResourceEvent(frame.text));
    });

    it('counts the Tutum auth message as a message', async () => {
      emulator.faults.next({ kind: 'drop', afterMessages: 1 });
      const { user, apiKey } = emulator.credentials;
      const client = await pool.connect(`${emulator.url}/v1/events?user=${user}&token=${apiKey}`);
      emulator.step(5);
      expect((await client.closed).code).toBe(1006);
      expect(client.texts).toEqual(['{"type":"auth"}']);
    });

    it('drops a live connection at once with afterMessages 0', async () => {
      const client = await connect();
      emulator.connections[0]!.inject({ kind: 'drop' });
      expect((await client.closed).code).toBe(1006);
    });
  });

  describe('close', () => {
    it('closes with the chosen code and reason after N messages', async () => {
      emulator.faults.next({ kind: 'close', code: 4000, reason: 'maintenance', afterMessages: 2 });
      const client = await connect();
      emulator.step(5);
      expect(await client.closed).toEqual({ code: 4000, reason: 'maintenance' });
      expect(client.frames).toHaveLength(2);
    });

    it('closes a live connection with 1011', async () => {
      const client = await connect();
      emulator.connections[0]!.inject({ kind: 'close', code: 1011 });
      expect((await client.closed).code).toBe(1011);
    });
  });

  describe('malformed frames', () => {
    it('interleaves bad JSON, wrong shapes and binary frames with the events', async () => {
      emulator.faults.next({ kind: 'malformed', frames: ['json', 'shape', 'binary'], every: 2, count: 3 });
      const client = await connect();
      emulator.step(8);
      const frames = await client.waitFrames(11);
      await delay(20);
      expect(client.frames).toHaveLength(11);
      const kinds = frames.map((frame) => {
        if (frame.binary) return 'binary';
        const decoded = decodeEvent(frame.text);
        return decoded._tag === 'Right' ? 'event' : decoded.left.kind;
      });
      expect(kinds).toEqual(['event', 'event', 'syntax', 'event', 'event', 'schema', 'event', 'event', 'binary', 'event', 'event']);
      expect(client.ws.readyState).toBe(client.ws.OPEN);
    });

    it('sends an oversized frame past the clients’ 1 MiB default', async () => {
      const client = await connect();
      emulator.connections[0]!.inject({ kind: 'malformed', frames: 'oversized' });
      emulator.step(1);
      const frames = await client.waitFrames(2);
      expect(Buffer.byteLength(frames[1]!.text)).toBeGreaterThan(1024 * 1024);
      expect(decodeEvent(frames[1]!.text)._tag).toBe('Right');
    });

    it('sends bad frames without end with count Infinity', async () => {
      const client = await connect();
      emulator.connections[0]!.inject({ kind: 'malformed', count: Infinity });
      emulator.step(20);
      await client.waitFrames(40);
    });
  });

  describe('stall', () => {
    it('stops sending and stops answering pings, keeping the socket open', async () => {
      emulator.faults.next({ kind: 'stall', afterMessages: 2 });
      const client = await connect();
      emulator.step(10);
      await client.waitFrames(2);
      let ponged = false;
      client.ws.on('pong', () => (ponged = true));
      client.ws.ping();
      await delay(150);
      expect(ponged).toBe(false);
      expect(client.frames).toHaveLength(2);
      expect(client.ws.readyState).toBe(client.ws.OPEN);
      const [connection] = emulator.connections;
      expect(connection!.state).toBe('stalled');
      expect(connection!.eventsMissed).toBe(8);
    });

    it('ends after its duration: pongs come back and events flow again', async () => {
      const client = await connect();
      emulator.connections[0]!.inject({ kind: 'stall', duration: 150 });
      let ponged = false;
      const pong = new Promise<void>((resolve) => client.ws.once('pong', () => resolve()));
      void pong.then(() => (ponged = true));
      client.ws.ping();
      emulator.step(3);
      await delay(50);
      expect(ponged).toBe(false);
      await pong;
      expect(emulator.connections[0]!.state).toBe('open');
      emulator.step(2);
      await client.waitFrames(2);
      expect(emulator.connections[0]!.eventsMissed).toBe(3);
    });

    it('is not pinged, nor terminated by the heartbeat, while stalled', async () => {
      const pinging = await startEmulator({ paused: true, pingInterval: 30 });
      try {
        const client = await pool.connect(...dockerCloud(pinging));
        pinging.connections[0]!.inject({ kind: 'stall' });
        const before = client.pings.length;
        await delay(150);
        expect(client.pings.length).toBe(before);
        expect(client.ws.readyState).toBe(client.ws.OPEN);
      } finally {
        await pinging.stop();
      }
    });
  });

  describe('in-band error', () => {
    it('sends {"type":"error"} with the message, then closes with 1011', async () => {
      emulator.faults.next({ kind: 'error', errorMessage: 'Backend restarting', afterMessages: 1 });
      const client = await connect();
      emulator.step(3);
      expect((await client.closed).code).toBe(1011);
      expect(JSON.parse(client.texts[1]!)).toEqual({ type: 'error', data: { errorMessage: 'Backend restarting' } });
      expect(client.frames).toHaveLength(2);
    });

    it('can leave the connection open', async () => {
      const client = await connect();
      emulator.connections[0]!.inject({ kind: 'error', close: false });
      emulator.step(1);
      await client.waitFrames(2);
      expect(client.ws.readyState).toBe(client.ws.OPEN);
    });
  });

  describe('next connections', () => {
    it('applies to the next `count` connections only', async () => {
      emulator.faults.next({ kind: 'close', code: 4001 }, { count: 2 });
      const a = await connect();
      const b = await connect();
      const c = await connect();
      expect((await a.closed).code).toBe(4001);
      expect((await b.closed).code).toBe(4001);
      emulator.step(1);
      await c.waitFrames(1);
      expect(c.ws.readyState).toBe(c.ws.OPEN);
    });

    it('combines several faults on one connection', async () => {
      emulator.faults.next([
        { kind: 'malformed', frames: 'json', every: 1, count: Infinity },
        { kind: 'drop', afterMessages: 4 },
      ]);
      const client = await connect();
      emulator.step(10);
      expect((await client.closed).code).toBe(1006);
      expect(client.frames).toHaveLength(4);
    });

    it('forgets pending faults on clear()', async () => {
      emulator.faults.next({ kind: 'drop' });
      emulator.faults.clear();
      const client = await connect();
      emulator.step(1);
      await client.waitFrames(1);
    });

    it.each([
      [{ kind: 'close', code: 1006 }],
      [{ kind: 'close', code: 999 }],
      [{ kind: 'drop', afterMessages: -1 }],
      [{ kind: 'stall', duration: 0 }],
      [{ kind: 'malformed', frames: ['nope'] }],
      [{ kind: 'malformed', every: 0 }],
      [{ kind: 'explode' }],
    ])('rejects the invalid fault %j', (fault) => {
      let error: unknown;
      try {
        emulator.faults.next(fault as unknown as ConnectionFault);
      } catch (e) {
        error = e;
      }
      expect(isEmulatorError(error) && error.kind).toBe('fault');
    });
  });

  describe('handshake refusals', () => {
    it('refuses `count` handshakes with the chosen status and Retry-After, then accepts', async () => {
      emulator.faults.refuseHandshakes({ status: 503, count: 2, retryAfter: 7 });
      const refused = (await connect().catch((e: unknown) => e)) as HandshakeRefused;
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('7');
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(503);
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(101);
      expect(emulator.stats().handshakesRefused[503]).toBe(2);
    });

    it('refuses for a duration', async () => {
      emulator.faults.refuseHandshakes({ status: 502, duration: 100 });
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(502);
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(502);
      await delay(120);
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(101);
    });

    it('refuses until cleared, and leaves REST alone', async () => {
      emulator.faults.refuseHandshakes();
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(503);
      expect((await rest(emulator, '/api/app/v1/stack/')).status).toBe(200);
      emulator.faults.clear();
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(101);
    });

    it('rejects a status that is not an error', () => {
      expect(() => emulator.faults.refuseHandshakes({ status: 200 })).toThrow(/4xx or 5xx/);
    });
  });

  describe('handshake delays', () => {
    it('holds handshakes for the delay', async () => {
      emulator.faults.delayHandshakes({ delay: 150, count: 1 });
      const started = Date.now();
      await connect();
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      const again = Date.now();
      await connect();
      expect(Date.now() - again).toBeLessThan(100);
    });

    it('never answers with delay Infinity, until stop()', async () => {
      emulator.faults.delayHandshakes({ delay: Infinity, count: 1 });
      const hung = pool.connect(...dockerCloud(emulator)).catch((e: unknown) => e);
      await delay(100);
      expect(emulator.stats().connectionsAccepted).toBe(0);
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(101);
      await emulator.stop();
      // The client gives up when the held socket is destroyed (an error from Node's realm).
      expect(String(await hung)).toMatch(/socket hang up|ECONNRESET|closed/i);
    });
  });

  describe('credentials', () => {
    it('revokes: open connections get the in-band UNAUTHORIZED and 1008; handshakes and REST get 401', async () => {
      const client = await connect();
      emulator.faults.revokeCredentials();
      expect((await client.closed).code).toBe(1008);
      expect(client.texts.map((t) => JSON.parse(t))).toEqual([{ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } }]);
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(401);
      expect((await rest(emulator, '/api/app/v1/stack/')).status).toBe(401);
      emulator.faults.restoreCredentials();
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(101);
      expect((await rest(emulator, '/api/app/v1/stack/')).status).toBe(200);
    });

    it('revokes with a bare close, or keeping open connections', async () => {
      const closed = await connect();
      emulator.faults.revokeCredentials('close');
      expect((await closed.closed).code).toBe(1008);
      expect(closed.frames).toEqual([]);
      emulator.faults.restoreCredentials();
      const kept = await connect();
      emulator.faults.revokeCredentials('keep');
      emulator.step(1);
      await kept.waitFrames(1);
      expect(kept.ws.readyState).toBe(kept.ws.OPEN);
    });

    it('answers a revoked handshake in-band when inBandAuthErrors is set', async () => {
      const early = await startEmulator({ paused: true, inBandAuthErrors: true });
      try {
        early.faults.revokeCredentials();
        const client = await pool.connect(...dockerCloud(early));
        expect((await client.closed).code).toBe(1008);
        expect(JSON.parse(client.texts[0]!).data.errorMessage).toBe('UNAUTHORIZED');
      } finally {
        await early.stop();
      }
    });

    it('rotates: the old key and token get 401, the new ones work, open connections stay', async () => {
      const old = emulator.credentials;
      const client = await connect();
      const fresh = emulator.faults.rotateCredentials();
      expect(fresh).toEqual(emulator.credentials);
      expect(fresh.apiKey).not.toBe(old.apiKey);
      expect(fresh.token).not.toBe(old.token);
      for (const value of [old.authorization, old.token]) {
        expect(await handshakeStatus(`${emulator.url}/api/audit/v1/events/`, { headers: { Authorization: value } })).toBe(401);
      }
      for (const value of [fresh.authorization, fresh.token]) {
        expect(await handshakeStatus(`${emulator.url}/api/audit/v1/events/`, { headers: { Authorization: value } })).toBe(101);
      }
      emulator.step(1);
      await client.waitFrames(1);
    });
  });

  describe('dropAll', () => {
    it('terminates every connection at once', async () => {
      const clients = await Promise.all(Array.from({ length: 5 }, () => connect()));
      expect(emulator.faults.dropAll()).toBe(5);
      const closes = await Promise.all(clients.map((client) => client.closed));
      expect(closes.map((close) => close.code)).toEqual([1006, 1006, 1006, 1006, 1006]);
      await delay(10);
      expect(emulator.connections).toHaveLength(0);
    });

    it('closes every connection with a code in mode close', async () => {
      const clients = await Promise.all(Array.from({ length: 3 }, () => connect()));
      expect(emulator.faults.dropAll({ mode: 'close', code: 1012 })).toBe(3);
      const closes = await Promise.all(clients.map((client) => client.closed));
      expect(closes.map((close) => close.code)).toEqual([1012, 1012, 1012]);
    });
  });

  describe('connections', () => {
    it('describes each live connection and counts what it was sent', async () => {
      const { user, apiKey } = emulator.credentials;
      await pool.connect(`${emulator.url}/v1/events?user=${user}&token=${apiKey}`);
      const client = await connect();
      emulator.step(4);
      await client.waitFrames(4);
      const [tutum, modern] = emulator.connections;
      expect(tutum).toMatchObject({
        id: 1,
        path: '/v1/events',
        dialect: 'tutum',
        state: 'open',
        messagesSent: 5,
        eventsSent: 4,
        remoteAddress: '127.0.0.1',
      });
      expect(modern).toMatchObject({ id: 2, path: '/api/audit/v1/events/', dialect: 'dockercloud', messagesSent: 4, eventsMissed: 0 });
      modern!.close(1000, 'done');
      expect(await client.closed).toEqual({ code: 1000, reason: 'done' });
    });
  });
});
