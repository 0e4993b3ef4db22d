// Refused and failing handshakes against a real `ws` server: which errors end the stream,
// which are retried, and how many attempts the server sees.

import { AuthError } from '../../lib/errors/AuthError.js';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { HandshakeError } from '../../lib/errors/HandshakeError.js';
import { containerEvent, errorMessage, serviceEvent } from '../../lib/testing/index.js';
import { cleanUp, FAST, probe, sleep, startServer } from './support/index.js';

jest.setTimeout(5000);
afterEach(cleanUp);

// Longer than minInterval + maxDelay of FAST.retry: any retry would have happened by then.
const NO_RETRY_WINDOW = 300;
const AUTH = { user: 'me', apiKey: 'hs-s3cr3t-key' } as const;

describe('a refused handshake', () => {
  it.each([401, 403])('answered %i ends the stream with an AuthError after one attempt', async (status) => {
    const server = await startServer({ handshake: () => status });
    const p = probe({ ...FAST, url: server.url, auth: AUTH });
    await p.until(p.ended, 'the stream to end');
    const error = p.error();
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(status);
    expect((error as AuthError).message).toContain(String(status));
    await sleep(NO_RETRY_WINDOW);
    expect(server.requests).toHaveLength(1);
    expect(p.kinds()).toEqual(['connecting', 'closed']);
    expect(p.ofKind('closed')[0]!.error).toBe(error);
  });

  it('answered 404 ends the stream with a HandshakeError after one attempt', async () => {
    const server = await startServer({ handshake: () => 404 });
    const p = probe({ ...FAST, url: server.url, auth: AUTH });
    await p.until(p.ended, 'the stream to end');
    const error = p.error();
    expect(error).toBeInstanceOf(HandshakeError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect((error as HandshakeError).status).toBe(404);
    await sleep(NO_RETRY_WINDOW);
    expect(server.requests).toHaveLength(1);
    expect(p.kinds()).toEqual(['connecting', 'closed']);
  });

  it('answered 503 is retried with backoff, and the stream goes on once the server accepts', async () => {
    const server = await startServer({
      handshake: (request) => (request.index < 2 ? 503 : undefined),
      connection: (c) => void c.send(containerEvent('c1', 'Running')),
    });
    const p = probe({ ...FAST, url: server.url, auth: AUTH });
    await p.until(() => p.events.length === 1, 'the first event');
    expect(p.events).toEqual([containerEvent('c1', 'Running')]);
    expect(server.requests).toHaveLength(3);
    expect(p.kinds()).toEqual(['connecting', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'open']);
    const reconnecting = p.ofKind('reconnecting');
    expect(reconnecting.map((s) => [s.attempt, s.error.kind])).toEqual([
      [1, 'server'],
      [2, 'server'],
    ]);
    expect(reconnecting.every((s) => s.error instanceof ConnectionError && s.error.message.includes('503'))).toBe(true);
    // minInterval keeps attempt starts apart even when the jitter draws near zero.
    const starts = p.statuses.flatMap((s, i) => (s.kind === 'connecting' ? [p.statusTimes[i]!] : []));
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(45);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(45);
    expect(p.ofKind('connecting').map((s) => s.attempt)).toEqual([0, 1, 2]);
    const open = p.ofKind('open')[0]!;
    expect(open.reconnected).toBe(false);
    expect(open.counters).toEqual({ connections: 1, reconnects: 2, events: 0, rejected: 0 });
    expect(p.ended()).toBe(false);
  });

  it('answered 503 every time gives up after retry.maxAttempts with a ConnectionError', async () => {
    const server = await startServer({ handshake: () => 503 });
    const p = probe({ ...FAST, url: server.url, retry: { ...FAST.retry, maxAttempts: 3 } });
    await p.until(p.ended, 'the stream to end');
    const error = p.error();
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).kind).toBe('server');
    expect((error as ConnectionError).attempts).toBe(3);
    await sleep(NO_RETRY_WINDOW);
    expect(server.requests).toHaveLength(3);
  });

  it('answered 503 with retry: false ends the stream at once', async () => {
    const server = await startServer({ handshake: () => 503 });
    const p = probe({ ...FAST, url: server.url, retry: false });
    await p.until(p.ended, 'the stream to end');
    expect(p.error()).toBeInstanceOf(ConnectionError);
    expect((p.error() as ConnectionError).kind).toBe('server');
    await sleep(NO_RETRY_WINDOW);
    expect(server.requests).toHaveLength(1);
  });
});

describe('a handshake that never completes', () => {
  it('fails after connectTimeout, and the half-open socket is closed', async () => {
    const server = await startServer({ handshake: () => 'hang' });
    const started = Date.now();
    const p = probe({ ...FAST, connectTimeout: 200, url: server.url, retry: false });
    await p.until(p.ended, 'the stream to end');
    const elapsed = Date.now() - started;
    expect(p.error()).toBeInstanceOf(ConnectionError);
    expect((p.error() as ConnectionError).kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
    await p.until(() => server.openSockets() === 0, 'the server side of the socket to close', 2000);
  });

  it('to a port nobody listens on fails as a network error', async () => {
    const server = await startServer();
    const url = server.url;
    await server.close();
    const p = probe({ ...FAST, url, retry: false });
    await p.until(p.ended, 'the stream to end');
    expect(p.error()).toBeInstanceOf(ConnectionError);
    expect((p.error() as ConnectionError).kind).toBe('network');
  });
});

describe('an in-band error message', () => {
  it('UNAUTHORIZED, then a close, ends the stream with an AuthError and no reconnect', async () => {
    const server = await startServer({
      connection: (c) =>
        void c.send(containerEvent('c1', 'Running'), errorMessage('UNAUTHORIZED')).then(() => c.ws.close(1008, 'unauthorized')),
    });
    const p = probe({ ...FAST, url: server.url, auth: { authorization: 'TutumAccessKey inband-s3cr3t' } });
    await p.until(p.ended, 'the stream to end');
    const error = p.error();
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBeUndefined();
    expect(p.events).toEqual([containerEvent('c1', 'Running')]);
    await sleep(NO_RETRY_WINDOW);
    expect(server.requests).toHaveLength(1);
    expect(server.connections).toHaveLength(1);
    expect(p.kinds()).toEqual(['connecting', 'open', 'closed']);
    expect(p.ofKind('closed')[0]!.counters).toEqual({ connections: 1, reconnects: 0, events: 1, rejected: 0 });
  });

  it('other than UNAUTHORIZED is emitted as an event and the stream goes on', async () => {
    const server = await startServer({
      connection: (c) => void c.send(errorMessage('Rate limited'), serviceEvent('s1', 'Running')),
    });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 2, 'two events');
    expect(p.events).toEqual([errorMessage('Rate limited'), serviceEvent('s1', 'Running')]);
    expect(p.ended()).toBe(false);
  });
});
