import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { MessageError, type MessageErrorKind } from '../../lib/errors/MessageError.js';
import { DecodeError } from '../../lib/model/DecodeError.js';
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import {
  FakeWebSocketServer,
  actionEvent,
  containerEvent,
  errorMessage,
  nodeEvent,
  serviceEvent,
  stackEvent,
  unknownEvent,
  uri,
  userNotification,
} from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, StatusLog, at, expectSameError, virtual, TEST_AUTH } from './support/harness.js';

const MAX = 300;
const good = {
  a: containerEvent('c1', 'Running', { parents: [uri('service', 'web')] }),
  b: serviceEvent('web', 'Scaling'),
  c: nodeEvent('n1', 'Deployed', { uuid: 'u-1', datetime: '2016-02-01T16:47:28Z' }),
  d: stackEvent('shop', 'Running'),
  e: actionEvent('a1', 'Success', { parents: [uri('container', 'c1')] }),
};
const frame = (event: unknown) => JSON.stringify(event);
/** A well-formed event, over MAX characters. */
const oversized = frame(containerEvent('x'.repeat(MAX), 'Running'));
const bad: Record<MessageErrorKind, unknown> = {
  syntax: '{"type":"container","action":"update",',
  schema: frame({ type: 'container', action: 'boot', parents: [], resource_uri: '/api/app/v1/container/x/' }),
  binary: new ArrayBuffer(8),
  oversized,
};

function setup(extra: Partial<StreamOptions> = {}) {
  const server = new FakeWebSocketServer();
  const log = new StatusLog();
  const options: StreamOptions = {
    url: LOCAL_URL,
    WebSocket: server.WebSocket,
    auth: TEST_AUTH,
    status: log.report,
    maxMessageSize: MAX,
    random: () => 0,
    ...extra,
  };
  return { server, log, options };
}

describe('streamEvents: frames it cannot use', () => {
  it('delivers every good event in order and reports each bad frame, without ending or reconnecting', () => {
    const { server, log, options } = setup();
    virtual(({ expectObservable }) => {
      at(1, () => server.last.open());
      at(2, () => server.last.message(frame(good.a)));
      at(3, () => server.last.message(bad.syntax));
      at(4, () => server.last.message(frame(good.b)));
      at(5, () => server.last.message(bad.schema));
      at(6, () => server.last.message(frame(good.c)));
      at(7, () => server.last.message(bad.binary));
      at(8, () => server.last.message(frame(good.d)));
      at(9, () => server.last.message(bad.oversized));
      at(10, () => server.last.message(frame(good.e)));
      expectObservable(streamEvents(options), '^ 99ms !').toBe('--a-b-c-d-e', good);
    });
    expect(server.sockets).toHaveLength(1);
    expect(log.kinds()).toEqual(['connecting', 'open', 'rejected', 'rejected', 'rejected', 'rejected', 'closed']);
    const rejected = log.of('rejected');
    expect(rejected.map((e) => e.t)).toEqual([3, 5, 7, 9]);
    expect(rejected.map((e) => e.value.error.kind)).toEqual(['syntax', 'schema', 'binary', 'oversized']);
    expect(rejected.map((e) => e.value.counters)).toEqual([
      { connections: 1, reconnects: 0, events: 1, rejected: 1 },
      { connections: 1, reconnects: 0, events: 2, rejected: 2 },
      { connections: 1, reconnects: 0, events: 3, rejected: 3 },
      { connections: 1, reconnects: 0, events: 4, rejected: 4 },
    ]);
    for (const { value } of rejected) {
      expect(value.error).toBeInstanceOf(MessageError);
      expect(value.error.name).toBe('MessageError');
      // Short: never the whole frame.
      expect(value.error.message.length).toBeLessThan(260);
    }
    expect(log.of('closed')[0]!.value.counters).toEqual({ connections: 1, reconnects: 0, events: 5, rejected: 4 });
  });

  it('describes each rejection', () => {
    const { server, log, options } = setup();
    virtual(() => {
      new Recording(streamEvents(options), 100);
      at(1, () => server.last.open());
      for (const [i, data] of Object.values(bad).entries()) at(2 + i, () => server.last.message(data));
    });
    const [syntax, schema, binary, tooBig] = log.of('rejected').map((e) => e.value.error);
    expect(syntax!.cause).toBeInstanceOf(DecodeError);
    expect(syntax!.message).toMatch(/^Malformed JSON \(.+\) in message: \{"type":"container","action":"update",$/);
    expect(schema!.cause).toMatchObject({ kind: 'schema', path: 'action' });
    expect(schema!.message).toMatch(/^Invalid message at action: /);
    expect(binary!.message).toBe('Rejected a binary frame of 8 bytes: the stream sends text');
    expect(binary!.cause).toBeUndefined();
    expect(tooBig!.message).toBe(`Rejected a message of ${oversized.length} characters, over maxMessageSize (${MAX})`);
    expect(tooBig!.message).not.toContain('xxxx');
  });

  it('rejects typed-array frames as binary too', () => {
    const { server, log, options } = setup();
    virtual(() => {
      new Recording(streamEvents(options), 100);
      at(1, () => server.last.open());
      at(2, () => server.last.message(new Uint8Array(5)));
    });
    expect(log.of('rejected').map((e) => e.value.error.message)).toEqual(['Rejected a binary frame of 5 bytes: the stream sends text']);
  });

  it('accepts a message of exactly maxMessageSize characters and rejects one more', () => {
    const base = frame(containerEvent('', 'Running'));
    const sized = (length: number) => frame(containerEvent('y'.repeat(length - base.length), 'Running'));
    const { server, log, options } = setup();
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(streamEvents(options), 100);
      at(1, () => server.last.open());
      at(2, () => server.last.message(sized(MAX)));
      at(3, () => server.last.message(sized(MAX + 1)));
    });
    expect(sized(MAX)).toHaveLength(MAX);
    expect(recording!.values.map((v) => v.t)).toEqual([2]);
    expect(log.of('rejected').map((e) => [e.t, e.value.error.kind])).toEqual([[3, 'oversized']]);
  });

  it('passes unknown types, notifications and other in-band errors through', () => {
    const { server, options } = setup();
    const values = {
      i: unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' }),
      n: userNotification({ message: 'Redeploy failed' }),
      r: errorMessage('Internal error'),
    };
    virtual(({ expectObservable }) => {
      at(1, () => server.last.open());
      at(2, () => server.last.message(frame(values.i)));
      at(3, () => server.last.message(frame(values.n)));
      at(4, () => server.last.message(frame(values.r)));
      expectObservable(streamEvents(options), '^ 9ms !').toBe('--inr', values);
    });
  });

  it('asks the socket for ArrayBuffers and bounds its frames', () => {
    const { server, options } = setup();
    virtual(() => {
      new Recording(streamEvents(options), 10);
    });
    expect(server.last.binaryType).toBe('arraybuffer');
    expect(server.last.options).toEqual({
      headers: { Authorization: `Basic ${btoa(`${TEST_AUTH.user}:${TEST_AUTH.apiKey}`)}` },
      maxPayload: MAX,
    });
  });

  it.each([
    ['an oversized-frame error of ws', (s: FakeWebSocketServer) => s.last.fail('Max payload size exceeded')],
    ['a close with code 1009', (s: FakeWebSocketServer) => s.last.serverClose(1009, 'Message too big')],
  ])('counts %s as an oversized rejection, then reconnects', (_name, drop) => {
    const { server, log, options } = setup();
    virtual(() => {
      new Recording(streamEvents(options), 5000);
      at(1, () => server.last.open());
      at(2, () => drop(server));
      at(1001, () => server.last.open());
    });
    expect(log.kinds()).toEqual(['connecting', 'open', 'rejected', 'reconnecting', 'connecting', 'open', 'closed']);
    expectSameError(
      log.of('rejected')[0]!.value.error,
      new MessageError(`Rejected a frame over maxMessageSize (${MAX} bytes)`, { kind: 'oversized' }),
    );
    expect(log.of('rejected')[0]!.value.counters.rejected).toBe(1);
    expectSameError(
      log.of('reconnecting')[0]!.value.error,
      new ConnectionError('The connection was dropped after an oversized frame', { kind: 'closed', closeCode: 1009 }),
    );
  });
});

describe('streamEvents: strict', () => {
  it.each(Object.keys(bad) as MessageErrorKind[])('ends the stream with a MessageError on a %s frame', (reason) => {
    const { server, log, options } = setup({ strict: true });
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(streamEvents(options), 600_000);
      at(1, () => server.last.open());
      at(2, () => server.last.message(frame(good.a)));
      at(3, () => server.last.message(bad[reason]));
      at(4, () => server.last.message(frame(good.b)));
    });
    expect(recording!.events).toEqual([good.a]);
    expect(recording!.error?.t).toBe(3);
    const error = recording!.error?.value as MessageError;
    expect(error).toBeInstanceOf(MessageError);
    expect(error.kind).toBe(reason);
    expect(server.sockets).toHaveLength(1);
    expect(server.last.closedWith).toBe(1000);
    expect(log.kinds()).toEqual(['connecting', 'open', 'closed']);
    expect(log.of('closed')[0]!.value).toEqual({
      kind: 'closed',
      error,
      counters: { connections: 1, reconnects: 0, events: 1, rejected: 1 },
    });
  });

  it('ends the stream on a frame ws dropped as oversized', () => {
    const { server, log, options } = setup({ strict: true });
    virtual(({ expectObservable }) => {
      at(1, () => server.last.open());
      at(2, () => server.last.serverClose(1009));
      expectObservable(streamEvents(options)).toBe(
        '--#',
        undefined,
        new MessageError(`Rejected a frame over maxMessageSize (${MAX} bytes)`, { kind: 'oversized' }),
      );
    });
    expect(server.sockets).toHaveLength(1);
    expect(log.of('reconnecting')).toHaveLength(0);
  });
});
