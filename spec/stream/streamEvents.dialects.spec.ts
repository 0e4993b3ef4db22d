import { isRight } from 'fp-ts/Either';
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import { FakeWebSocketServer, authMessage, containerEvent } from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, StatusLog, at, virtual, TEST_AUTH } from './support/harness.js';

const API_KEY = 'k3y-S3CRET-dialects';
const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`, 'utf8').toString('base64')}`;

/** Subscribes briefly and returns the socket the stream opened, and the statuses. */
function request(options: Omit<StreamOptions, 'WebSocket' | 'status'>) {
  const server = new FakeWebSocketServer();
  const log = new StatusLog();
  virtual(() => {
    new Recording(streamEvents({ WebSocket: server.WebSocket, auth: TEST_AUTH, status: log.report, ...options }), 10);
    at(1, () => server.last.open());
  });
  expect(server.sockets).toHaveLength(1);
  return { socket: server.last, log };
}

describe('streamEvents: the Docker Cloud request', () => {
  it('asks wss://ws.cloud.docker.com/api/audit/v1/events/ with a Basic header by default', () => {
    const { socket, log } = request({ auth: { user: 'me', apiKey: API_KEY } });
    expect(socket.url).toBe('wss://ws.cloud.docker.com/api/audit/v1/events/');
    expect(socket.options).toEqual({ headers: { Authorization: basic('me', API_KEY) }, maxPayload: 1024 * 1024 });
    expect(log.of('connecting')[0]!.value.url).toBe('wss://ws.cloud.docker.com/api/audit/v1/events/');
  });

  it('puts the namespace in the path and comma-joins the filters', () => {
    const { socket } = request({
      url: 'https://stream.example.com',
      namespace: 'myorg',
      filter: {
        type: ['container', 'service'],
        object: '/api/app/v1/myorg/container/0b0e/',
        parent: ['/api/app/v1/myorg/service/5bcf/', '/api/app/v1/myorg/stack/1/'],
      },
    });
    const url = new URL(socket.url);
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('wss://stream.example.com/api/audit/v1/myorg/events/');
    expect([...url.searchParams]).toEqual([
      ['type', 'container,service'],
      ['object', '/api/app/v1/myorg/container/0b0e/'],
      ['parent', '/api/app/v1/myorg/service/5bcf/,/api/app/v1/myorg/stack/1/'],
    ]);
  });

  it('sends the parent filter as "parents" when asked', () => {
    const { socket } = request({ url: LOCAL_URL, filter: { parent: '/api/app/v1/service/5bcf/', parentParam: 'parents' } });
    expect(new URL(socket.url).searchParams.get('parents')).toBe('/api/app/v1/service/5bcf/');
    expect(new URL(socket.url).searchParams.has('parent')).toBe(false);
  });

  it('sends a verbatim authorization header', () => {
    const { socket } = request({ url: LOCAL_URL, auth: { authorization: 'TutumAccessKey abc123' } });
    expect(socket.options?.headers).toEqual({ Authorization: 'TutumAccessKey abc123' });
    expect(socket.url).toBe(`${LOCAL_URL}/api/audit/v1/events/`);
  });

  it('puts credentials in the query when asked, and prints the URL redacted', () => {
    const a = request({ url: LOCAL_URL, auth: { authorization: 'ApiKey me:abc', in: 'query' } });
    expect(new URL(a.socket.url).searchParams.get('auth')).toBe('ApiKey me:abc');
    expect(a.socket.options?.headers).toBeUndefined();
    expect(a.log.of('connecting')[0]!.value.url).toBe(`${LOCAL_URL}/api/audit/v1/events/?auth=***`);
    expect(a.log.of('open')[0]!.value.url).toBe(`${LOCAL_URL}/api/audit/v1/events/?auth=***`);

    const u = request({ url: LOCAL_URL, auth: { user: 'me', apiKey: API_KEY, in: 'query' } });
    expect(u.socket.url).toBe(`${LOCAL_URL}/api/audit/v1/events/?user=me&token=${API_KEY}`);
    expect(u.socket.options?.headers).toBeUndefined();
    expect(u.log.of('connecting')[0]!.value.url).toBe(`${LOCAL_URL}/api/audit/v1/events/?user=***&token=***`);
  });

  it('emits Tutum-era payloads decoded like Docker Cloud ones', () => {
    const raw =
      '{"type":"service","action":"update","parents":[],"resource_uri":"/api/v1/service/5bcf/","state":"Running","date":"2015-12-11T03:58:43+00:00"}';
    const decoded = decodeEvent(raw);
    if (!isRight(decoded)) throw new Error('the fixture must decode');
    const server = new FakeWebSocketServer();
    virtual(({ expectObservable }) => {
      at(1, () => server.last.open());
      at(2, () => server.last.message(raw));
      expectObservable(streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH }), '^ 9ms !').toBe('--a', {
        a: decoded.right,
      });
    });
  });
});

describe('streamEvents: the Tutum dialect', () => {
  const c1 = containerEvent('c1', 'Running');

  it('asks wss://stream.tutum.co/v1/events?user=&token= and prints the token redacted', () => {
    const { socket, log } = request({ dialect: 'tutum', auth: { user: 'me', apiKey: API_KEY } });
    expect(socket.url).toBe(`wss://stream.tutum.co/v1/events?user=me&token=${API_KEY}`);
    expect(socket.options?.headers).toBeUndefined();
    expect(log.of('connecting')[0]!.value.url).toBe('wss://stream.tutum.co/v1/events?user=***&token=***');
  });

  it('consumes the auth message as an authenticated status, on every connection', () => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    virtual(({ expectObservable }) => {
      const events$ = streamEvents({
        dialect: 'tutum',
        url: LOCAL_URL,
        auth: { user: 'me', apiKey: API_KEY },
        WebSocket: server.WebSocket,
        status: log.report,
        random: () => 0,
      });
      at(1, () => server.last.open());
      at(2, () => server.last.message(JSON.stringify(authMessage())));
      at(3, () => server.last.message(JSON.stringify(c1)));
      at(4, () => server.last.serverClose(1006));
      at(1001, () => server.last.open());
      at(1002, () => server.last.message(JSON.stringify(authMessage())));
      at(1003, () => server.last.message(JSON.stringify(c1)));
      expectObservable(events$, '^ 1999ms !').toBe('---a 999ms a', { a: c1 });
    });
    expect(log.kinds()).toEqual(['connecting', 'open', 'authenticated', 'reconnecting', 'connecting', 'open', 'authenticated', 'closed']);
    expect(log.of('authenticated').map((e) => [e.t, e.value.counters])).toEqual([
      [2, { connections: 1, reconnects: 0, events: 0, rejected: 0 }],
      [1002, { connections: 2, reconnects: 1, events: 1, rejected: 0 }],
    ]);
    expect(log.of('closed')[0]!.value.counters.events).toBe(2);
    expect(server.sockets.map((s) => s.url)).toEqual([
      `${LOCAL_URL}/v1/events?user=me&token=${API_KEY}`,
      `${LOCAL_URL}/v1/events?user=me&token=${API_KEY}`,
    ]);
  });
});
