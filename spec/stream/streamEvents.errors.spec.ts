import { AuthError } from '../../lib/errors/AuthError.js';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { HandshakeError } from '../../lib/errors/HandshakeError.js';
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import type { WebSocketConstructor } from '../../lib/stream/WebSocketLike.js';
import { FakeWebSocketServer, containerEvent, errorMessage } from '../../lib/testing/index.js';
import { LOCAL_URL, StatusLog, at, expectSameError, virtual, TEST_AUTH } from './support/harness.js';

const c1 = containerEvent('c1', 'Running');
const frame = (event: unknown) => JSON.stringify(event);

function setup(extra: Partial<StreamOptions> = {}) {
  const server = new FakeWebSocketServer();
  const log = new StatusLog();
  const options: StreamOptions = {
    url: LOCAL_URL,
    WebSocket: server.WebSocket,
    auth: TEST_AUTH,
    status: log.report,
    random: () => 0,
    ...extra,
  };
  return { server, log, options };
}

describe('streamEvents: refused credentials', () => {
  it.each([401, 403])('ends with an AuthError on HTTP %i at the handshake, and never tries again', (code) => {
    const { server, log, options } = setup();
    virtual(({ expectObservable }) => {
      at(10, () => server.last.fail(`Unexpected server response: ${code}`));
      expectObservable(streamEvents(options)).toBe(
        '10ms #',
        undefined,
        new AuthError(`The server refused the credentials (HTTP ${code})`, { kind: 'handshake', status: code }),
      );
      // Nothing more for ten minutes.
      at(600_000, () => expect(server.sockets).toHaveLength(1));
    });
    expect(server.sockets).toHaveLength(1);
    // The socket failed by itself: the client has nothing to close.
    expect(server.last.closedWith).toBeUndefined();
    expect(log.kinds()).toEqual(['connecting', 'closed']);
    const closed = log.of('closed')[0]!;
    expect(closed.t).toBe(10);
    expectSameError(
      closed.value.error,
      new AuthError(`The server refused the credentials (HTTP ${code})`, { kind: 'handshake', status: code }),
    );
  });

  it('ends with an AuthError after transient failures, however many', () => {
    const { server, log, options } = setup();
    virtual(({ expectObservable }) => {
      at(10, () => server.last.fail('Unexpected server response: 503'));
      at(1010, () => server.last.fail('connect ECONNREFUSED'));
      at(3000, () => server.last.fail('Unexpected server response: 401'));
      expectObservable(streamEvents(options)).toBe(
        '3000ms #',
        undefined,
        new AuthError('The server refused the credentials (HTTP 401)', { kind: 'handshake', status: 401 }),
      );
    });
    expect(server.sockets).toHaveLength(3);
    expect(log.of('reconnecting').map((e) => e.value.error.kind)).toEqual(['server', 'network']);
  });

  it.each(['UNAUTHORIZED', 'Unauthorized', 'unauthorised token'])('ends with an AuthError on the in-band error %j', (text) => {
    const { server, log, options } = setup();
    virtual(({ expectObservable }) => {
      at(1, () => server.last.open());
      at(2, () => server.last.message(frame(c1)));
      at(3, () => server.last.message(frame(errorMessage(text))));
      at(4, () => server.last.message(frame(c1)));
      expectObservable(streamEvents(options)).toBe(
        '--a#',
        { a: c1 },
        new AuthError('The server refused the credentials (in-band UNAUTHORIZED)', { kind: 'in-band' }),
      );
      at(600_000, () => undefined);
    });
    expect(server.sockets).toHaveLength(1);
    expect(server.last.closedWith).toBe(1000);
    expect(log.kinds()).toEqual(['connecting', 'open', 'closed']);
    expect((log.of('closed')[0]!.value.error as AuthError).status).toBeUndefined();
    expect(log.of('closed')[0]!.value.counters.events).toBe(1);
  });
});

describe('streamEvents: other handshake answers', () => {
  it.each([400, 404, 410, 426])('ends with a HandshakeError on HTTP %i', (code) => {
    const { server, log, options } = setup();
    virtual(({ expectObservable }) => {
      at(5, () => server.last.fail(`Unexpected server response: ${code}`));
      expectObservable(streamEvents(options)).toBe(
        '5ms #',
        undefined,
        new HandshakeError(`The server refused the connection (HTTP ${code})`, { status: code }),
      );
      at(600_000, () => undefined);
    });
    expect(server.sockets).toHaveLength(1);
    expect(log.of('reconnecting')).toHaveLength(0);
    expect(log.of('closed')[0]!.value.error).toBeInstanceOf(HandshakeError);
  });

  it.each([500, 502, 503, 504])('retries HTTP %i, then delivers from the next connection', (code) => {
    const { server, log, options } = setup();
    virtual(({ expectObservable }) => {
      at(5, () => server.last.fail(`Unexpected server response: ${code}`));
      at(1001, () => server.last.open());
      at(1002, () => server.last.message(frame(c1)));
      expectObservable(streamEvents(options), '^ 1999ms !').toBe('1002ms a', { a: c1 });
    });
    expect(server.sockets).toHaveLength(2);
    const [retry] = log.of('reconnecting');
    expect(retry!.t).toBe(5);
    expect(retry!.value.delay).toBe(995); // the rest of minInterval
    expectSameError(
      retry!.value.error,
      new ConnectionError(`The server failed the handshake (HTTP ${code})`, { kind: 'server', status: code }),
    );
    expect(log.of('open')[0]!.value.reconnected).toBe(false);
  });

  it.each([408, 429])('retries HTTP %i, which asks to come back later', (code) => {
    const { server, log, options } = setup();
    virtual(({ expectObservable }) => {
      at(5, () => server.last.fail(`Unexpected server response: ${code}`));
      at(1001, () => server.last.open());
      at(1002, () => server.last.message(frame(c1)));
      expectObservable(streamEvents(options), '^ 1999ms !').toBe('1002ms a', { a: c1 });
    });
    expect(server.sockets).toHaveLength(2);
    expectSameError(
      log.of('reconnecting')[0]!.value.error,
      new ConnectionError(`The server turned the connection away for now (HTTP ${code})`, { kind: 'server', status: code }),
    );
  });

  it('ends with a ConnectionError when the WebSocket cannot be created', () => {
    const Throwing = function () {
      throw new SyntaxError('Invalid URL');
    } as unknown as WebSocketConstructor;
    const log = new StatusLog();
    virtual(({ expectObservable }) => {
      const events$ = streamEvents({ url: LOCAL_URL, WebSocket: Throwing, auth: TEST_AUTH, status: log.report });
      expectObservable(events$).toBe(
        '#',
        undefined,
        new ConnectionError('The WebSocket could not be created (SyntaxError)', { kind: 'network' }),
      );
    });
    expect(log.kinds()).toEqual(['connecting', 'closed']);
  });
});

describe('streamEvents: retry: false', () => {
  it.each([1000, 1001])('completes when the server closes cleanly (%i)', (code) => {
    const { server, log, options } = setup({ retry: false });
    virtual(({ expectObservable }) => {
      at(1, () => server.last.open());
      at(2, () => server.last.message(frame(c1)));
      at(3, () => server.last.serverClose(code));
      expectObservable(streamEvents(options)).toBe('--a|', { a: c1 });
      at(600_000, () => undefined);
    });
    expect(server.sockets).toHaveLength(1);
    expect(log.kinds()).toEqual(['connecting', 'open', 'closed']);
    expect(log.of('closed')[0]!.value).toEqual({ kind: 'closed', counters: { connections: 1, reconnects: 0, events: 1, rejected: 0 } });
  });

  const failures: [string, (server: FakeWebSocketServer) => void, number, ConnectionError][] = [
    [
      'an abnormal close',
      (s) => (s.last.open(), s.last.serverClose(1006)),
      1,
      new ConnectionError('The server closed the connection (code 1006)', { kind: 'closed', closeCode: 1006 }),
    ],
    [
      'a close with a reason',
      (s) => (s.last.open(), s.last.serverClose(1011, 'overloaded')),
      1,
      new ConnectionError('The server closed the connection (code 1011: overloaded)', { kind: 'closed', closeCode: 1011 }),
    ],
    [
      'a close before opening',
      (s) => s.last.serverClose(1000),
      1,
      new ConnectionError('The connection closed before opening (code 1000)', { kind: 'network', closeCode: 1000 }),
    ],
    [
      'a network error',
      (s) => s.last.fail('getaddrinfo ENOTFOUND'),
      1,
      new ConnectionError('The connection failed: getaddrinfo ENOTFOUND', { kind: 'network' }),
    ],
    [
      'a 503',
      (s) => s.last.fail('Unexpected server response: 503'),
      1,
      new ConnectionError('The server failed the handshake (HTTP 503)', { kind: 'server', status: 503 }),
    ],
    ['the connect timeout', () => undefined, 20_000, new ConnectionError('No connection within 20000 ms', { kind: 'timeout' })],
    ['a stall', (s) => s.last.open(), 30_001, new ConnectionError('No frame within 30000 ms', { kind: 'stalled' })],
  ];

  it.each(failures)('ends with a ConnectionError on %s', (_name, act, time, expected) => {
    const { server, log, options } = setup({ retry: false });
    virtual(({ expectObservable }) => {
      at(1, () => act(server));
      expectObservable(streamEvents(options)).toBe(`${time}ms #`, undefined, expected);
      at(600_000, () => undefined);
    });
    expect(server.sockets).toHaveLength(1);
    expect(log.of('reconnecting')).toHaveLength(0);
    expect(log.of('closed')).toHaveLength(1);
    expectSameError(log.of('closed')[0]!.value.error, expected);
  });
});
