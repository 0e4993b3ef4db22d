import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import { ClientPool, HandshakeRefused, dockerCloud, expectResourceEvent, handshakeStatus } from './support.js';

describe('the stream protocol', () => {
  let emulator: Emulator;
  const pool = new ClientPool();

  beforeEach(async () => {
    emulator = await startEmulator({ paused: true, world: { stacks: 1 }, namespace: 'acme', user: 'alice' });
  });
  afterEach(async () => {
    await pool.closeAll();
    await emulator.stop();
  });

  const auth = (): { headers: Record<string, string> } => ({ headers: { Authorization: emulator.credentials.authorization } });

  describe('paths', () => {
    it.each([['/api/audit/v1/events/'], ['/api/audit/v1/events'], ['/api/audit/v1/acme/events/'], ['/api/audit/v1/acme/events']])(
      'serves the Docker Cloud path %s',
      async (path) => {
        const client = await pool.connect(`${emulator.url}${path}`, auth());
        emulator.step(3);
        const frames = await client.waitFrames(3);
        frames.forEach((frame) => expectResourceEvent(frame.text));
      },
    );

    it.each([['/v1/events'], ['/v1/events/']])('serves the Tutum path %s, sending {"type":"auth"} first', async (path) => {
      const { user, apiKey } = emulator.credentials;
      const client = await pool.connect(`${emulator.url}${path}?user=${user}&token=${apiKey}`);
      await client.waitFrames(1);
      expect(JSON.parse(client.texts[0]!)).toEqual({ type: 'auth' });
      emulator.step(2);
      const frames = await client.waitFrames(3);
      frames.slice(1).forEach((frame) => expectResourceEvent(frame.text));
    });

    it('sends no auth message on the Docker Cloud path', async () => {
      const client = await pool.connect(...dockerCloud(emulator));
      emulator.step(1);
      await client.waitFrames(1);
      expect(JSON.parse(client.texts[0]!).type).not.toBe('auth');
    });

    it.each([
      ['/'],
      ['/api/audit/v1/'],
      ['/api/audit/v2/events/'],
      ['/api/audit/v1/acme/x/events/'],
      ['/v2/events'],
      ['/api/app/v1/service/'],
      ['/events'],
    ])('answers 404 to an upgrade on %s', async (path) => {
      expect(await handshakeStatus(`${emulator.url}${path}`, auth())).toBe(404);
    });

    it('answers 403 for a namespace the account does not own, with valid credentials', async () => {
      expect(await handshakeStatus(`${emulator.url}/api/audit/v1/someone-else/events/`, auth())).toBe(403);
    });

    it('answers 426 to a plain GET of a stream path', async () => {
      const res = await fetch(`${emulator.restUrl}/api/audit/v1/events/`, auth());
      expect(res.status).toBe(426);
      await res.text();
    });
  });

  describe('authentication', () => {
    const accepted: [string, (e: Emulator) => [string, Record<string, string>]][] = [
      ['Basic header', (e) => ['', { Authorization: e.credentials.authorization }]],
      ['verbatim TutumAccessKey header', (e) => ['', { Authorization: e.credentials.token }]],
      ['verbatim ApiKey header', (e) => ['', { Authorization: `ApiKey ${e.credentials.user}:${e.credentials.apiKey}` }]],
      ['?auth= with the Basic value', (e) => [`?auth=${encodeURIComponent(e.credentials.authorization)}`, {}]],
      ['?auth= with the TutumAccessKey value', (e) => [`?auth=${encodeURIComponent(e.credentials.token)}`, {}]],
      ['?user=&token=', (e) => [`?user=${e.credentials.user}&token=${e.credentials.apiKey}`, {}]],
      ['a lower-case scheme', (e) => ['', { Authorization: e.credentials.authorization.replace('Basic', 'basic') }]],
    ];
    it.each(accepted)('accepts the %s', async (_form, build) => {
      const [query, headers] = build(emulator);
      expect(await handshakeStatus(`${emulator.url}/api/audit/v1/events/${query}`, { headers })).toBe(101);
      expect(await handshakeStatus(`${emulator.url}/v1/events${query}`, { headers })).toBe(101);
    });

    const refused: [string, (e: Emulator) => [string, Record<string, string>]][] = [
      ['no credentials', () => ['', {}]],
      ['a wrong API key', (e) => ['', { Authorization: `Basic ${Buffer.from(`${e.credentials.user}:nope`).toString('base64')}` }]],
      ['a wrong user', (e) => ['', { Authorization: `Basic ${Buffer.from(`mallory:${e.credentials.apiKey}`).toString('base64')}` }]],
      ['a wrong access key', () => ['', { Authorization: 'TutumAccessKey 0123456789' }]],
      ['an unknown scheme', (e) => ['', { Authorization: `Bearer ${e.credentials.apiKey}` }]],
      ['garbage', () => ['', { Authorization: 'Basic !!!' }]],
      ['?token= without ?user=', (e) => [`?token=${e.credentials.apiKey}`, {}]],
      ['?user=&token= with a wrong key', (e) => [`?user=${e.credentials.user}&token=nope`, {}]],
      ['?auth= with a wrong value', () => ['?auth=ApiKey%20alice%3Anope', {}]],
    ];
    it.each(refused)('answers 401 to %s', async (_form, build) => {
      const [query, headers] = build(emulator);
      const pending = pool.connect(`${emulator.url}/api/audit/v1/events/${query}`, { headers });
      await expect(pending).rejects.toBeInstanceOf(HandshakeRefused);
      const error = (await pending.catch((e: HandshakeRefused) => e)) as HandshakeRefused;
      expect(error.status).toBe(401);
      expect(error.headers['www-authenticate']).toMatch(/^Basic/);
      expect(await handshakeStatus(`${emulator.url}/v1/events${query}`, { headers })).toBe(401);
    });

    it('checks credentials before the namespace: a stranger gets 401, not 403', async () => {
      expect(await handshakeStatus(`${emulator.url}/api/audit/v1/someone-else/events/`)).toBe(401);
    });

    it('counts refused handshakes by status', async () => {
      await handshakeStatus(`${emulator.url}/api/audit/v1/events/`);
      await handshakeStatus(`${emulator.url}/nowhere`, auth());
      expect(emulator.stats().handshakesRefused).toEqual({ 401: 1, 404: 1 });
    });
  });

  describe('in-band auth errors (early servers)', () => {
    it('accepts, sends {"type":"error","data":{"errorMessage":"UNAUTHORIZED"}} and closes', async () => {
      const early = await startEmulator({ paused: true, inBandAuthErrors: true });
      try {
        const client = await pool.connect(`${early.url}/v1/events?user=x&token=y`);
        const close = await client.closed;
        expect(client.texts.map((t) => JSON.parse(t))).toEqual([{ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } }]);
        expect(close.code).toBe(1008);
        const decoded = decodeEvent(client.texts[0]!);
        expect(decoded._tag === 'Right' && decoded.right.type).toBe('error');
      } finally {
        await early.stop();
      }
    });
  });

  describe('limits', () => {
    it('answers 429 beyond maxConnectionsPerClient, and accepts again once one closes', async () => {
      const limited = await startEmulator({ paused: true, maxConnectionsPerClient: 2 });
      try {
        const [url, options] = dockerCloud(limited);
        const first = await pool.connect(url, options);
        await pool.connect(url, options);
        const refused = (await pool.connect(url, options).catch((e: unknown) => e)) as HandshakeRefused;
        expect(refused.status).toBe(429);
        first.ws.close();
        await first.closed;
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await handshakeStatus(url, options)).toBe(101);
      } finally {
        await limited.stop();
      }
    });

    it('closes with 1009 a client frame larger than maxPayload', async () => {
      const small = await startEmulator({ paused: true, maxPayload: 1024 });
      try {
        const client = await pool.connect(...dockerCloud(small));
        client.ws.send('x'.repeat(2048));
        expect((await client.closed).code).toBe(1009);
        expect(await handshakeStatus(...dockerCloud(small))).toBe(101);
      } finally {
        await small.stop();
      }
    });

    it('ignores what clients send within the limit', async () => {
      const client = await pool.connect(...dockerCloud(emulator));
      client.ws.send('{"hello":"server"}');
      emulator.step(1);
      await client.waitFrames(1);
      expect(client.ws.readyState).toBe(client.ws.OPEN);
    });

    it('answers 400 to a request that is not a websocket handshake, and keeps serving', async () => {
      const net = await import('node:net');
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(emulator.port, '127.0.0.1', () => {
          // Authenticated, but without Sec-WebSocket-Key and Sec-WebSocket-Version.
          socket.write(
            `GET /api/audit/v1/events/ HTTP/1.1\r\nHost: x\r\nAuthorization: ${emulator.credentials.authorization}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
          );
        });
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(await handshakeStatus(...dockerCloud(emulator))).toBe(101);
    });
  });

  describe('Tutum events (legacyTutumEvents)', () => {
    it('sends Tutum-shaped events on /v1/events, which still decode', async () => {
      const legacy = await startEmulator({ paused: true, legacyTutumEvents: true });
      try {
        const { user, apiKey } = legacy.credentials;
        const tutum = await pool.connect(`${legacy.url}/v1/events?user=${user}&token=${apiKey}`);
        const modern = await pool.connect(...dockerCloud(legacy));
        await tutum.waitFrames(1);
        legacy.step(20);
        await tutum.waitFrames(21);
        await modern.waitFrames(20);
        const old = tutum.texts.slice(1).map((text) => JSON.parse(text));
        for (const event of old) {
          expect(event.uuid).toBeUndefined();
          expect(event.datetime).toBeUndefined();
          expect(event.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
          expect(event.resource_uri).toMatch(/^\/api\/v1\/[a-z]+\/[0-9a-f-]+\/$/);
          for (const parent of event.parents) expect(parent).toMatch(/^\/api\/v1\//);
        }
        const decoded = tutum.texts.slice(1).map(expectResourceEvent);
        const current = modern.events();
        expect(decoded.map((e) => e.datetime)).toEqual(current.map((e) => e.datetime!.replace('Z', '+00:00')));
        // The REST API answers the Tutum form of the URIs too.
        const res = await fetch(`${legacy.restUrl}${old[0].resource_uri}`, {
          headers: { Authorization: legacy.credentials.authorization },
        });
        expect([200, 404]).toContain(res.status);
        await res.text();
      } finally {
        await legacy.stop();
      }
    });
  });
});
