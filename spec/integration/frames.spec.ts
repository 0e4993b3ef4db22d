// What the stream does with each kind of frame a real `ws` server sends: good events, malformed
// and oversized frames, binary frames, and Tutum's `auth` message.

import { MessageError } from '../../lib/errors/MessageError.js';
import { authMessage, containerEvent, serviceEvent, unknownEvent, userNotification } from '../../lib/testing/index.js';
import { cleanUp, FAST, probe, sleep, startServer, within } from './support/index.js';

jest.setTimeout(5000);
afterEach(cleanUp);

/** A valid container event whose JSON is exactly `bytes` bytes long (ASCII). */
function eventOfSize(id: string, bytes: number): string {
  const base = JSON.stringify(containerEvent(id, 'Running', { uuid: '' }));
  if (base.length > bytes) throw new Error(`an event is at least ${base.length} bytes`);
  const text = JSON.stringify(containerEvent(id, 'Running', { uuid: 'u'.repeat(bytes - base.length) }));
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

describe('malformed frames between good ones', () => {
  it('are rejected and counted, and every good event arrives in order on the same connection', async () => {
    const good = [containerEvent('c1', 'Running'), serviceEvent('s1', 'Scaling'), containerEvent('c2', 'Stopped')];
    const server = await startServer({
      connection: (c) =>
        void c.send(good[0], 'not json{', '{"type":"container"}', good[1], '[1,2,3]', Buffer.from([0x7b, 0x7d, 0x00, 0xff]), '', good[2]),
    });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 3, 'three events');
    expect(p.events).toEqual(good);
    const rejected = p.ofKind('rejected');
    expect(rejected.map((s) => s.error.kind)).toEqual(['syntax', 'schema', 'schema', 'binary', 'syntax']);
    expect(rejected.every((s) => s.error instanceof MessageError)).toBe(true);
    expect(rejected.map((s) => s.counters.rejected)).toEqual([1, 2, 3, 4, 5]);
    expect(rejected[3]!.error.message).toContain('4 bytes');
    expect(p.timeline.filter((t) => t !== 'status:connecting' && t !== 'status:open')).toEqual([
      'event',
      'status:rejected',
      'status:rejected',
      'event',
      'status:rejected',
      'status:rejected',
      'status:rejected',
      'event',
    ]);
    expect(server.connections).toHaveLength(1);
    expect(p.ended()).toBe(false);
    p.unsubscribe();
    expect(p.ofKind('closed')[0]!.counters).toEqual({ connections: 1, reconnects: 0, events: 3, rejected: 5 });
  });

  it('end the stream with a MessageError under strict: true, and the socket is closed', async () => {
    const server = await startServer({
      connection: (c) => void c.send(containerEvent('c1', 'Running'), '{oops', containerEvent('c2', 'Running')),
    });
    const p = probe({ ...FAST, url: server.url, strict: true });
    await p.until(p.ended, 'the stream to end');
    expect(p.events).toEqual([containerEvent('c1', 'Running')]);
    expect(p.error()).toBeInstanceOf(MessageError);
    expect((p.error() as MessageError).kind).toBe('syntax');
    const closed = await within(server.connections[0]!.closed, 2000, 'the server to see the close');
    expect(closed.code).toBe(1000);
    await sleep(200);
    expect(server.requests).toHaveLength(1);
  });

  it('are not unknown types or control messages: those pass through', async () => {
    const passing = [unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' }), userNotification({ message: 'Redeploy failed' })];
    const server = await startServer({ connection: (c) => void c.send(...passing) });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 2, 'two events');
    expect(p.events).toEqual(passing);
    expect(p.ofKind('rejected')).toHaveLength(0);
  });
});

describe('an oversized frame', () => {
  it('is rejected, the dropped connection (1009) is reconnected, and the stream goes on', async () => {
    const server = await startServer({
      connection: (c) =>
        void (c.index === 0 ? c.send(containerEvent('c1', 'Running'), eventOfSize('big', 600)) : c.send(containerEvent('c2', 'Running'))),
    });
    const p = probe({ ...FAST, url: server.url, maxMessageSize: 256 });
    await p.until(() => p.events.length === 2, 'two events');
    expect(p.events).toEqual([containerEvent('c1', 'Running'), containerEvent('c2', 'Running')]);
    const rejected = p.ofKind('rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.error.kind).toBe('oversized');
    const reconnecting = p.ofKind('reconnecting');
    expect(reconnecting).toHaveLength(1);
    expect(reconnecting[0]!.error.closeCode).toBe(1009);
    expect((await within(server.connections[0]!.closed, 2000, 'the first connection to close')).code).toBe(1009);
    const reopened = p.ofKind('open')[1]!;
    expect(reopened.reconnected).toBe(true);
    expect(reopened.counters).toEqual({ connections: 2, reconnects: 1, events: 1, rejected: 1 });
    expect(p.ended()).toBe(false);
  });

  it('is one byte over the limit; a frame of exactly maxMessageSize bytes is accepted', async () => {
    const exact = eventOfSize('exact', 300);
    const server = await startServer({
      connection: (c) => void (c.index === 0 ? c.send(exact, eventOfSize('over', 301)) : c.send(containerEvent('after', 'Running'))),
    });
    const p = probe({ ...FAST, url: server.url, maxMessageSize: 300 });
    await p.until(() => p.events.length === 2, 'two events');
    expect(p.events[0]).toEqual(JSON.parse(exact));
    expect(p.events[1]).toEqual(containerEvent('after', 'Running'));
    expect(p.ofKind('rejected').map((s) => s.error.kind)).toEqual(['oversized']);
  });
});

describe('the Tutum dialect', () => {
  it('consumes the first {"type":"auth"} message as an authenticated status, never as an event', async () => {
    const events = [containerEvent('c1', 'Running'), serviceEvent('s1', 'Running')];
    const server = await startServer({ connection: (c) => void c.send(authMessage(), ...events) });
    const p = probe({ ...FAST, url: server.url, dialect: 'tutum', auth: { user: 'me', apiKey: 'tutum-s3cr3t' } });
    await p.until(() => p.events.length === 2, 'two events');
    expect(p.events).toEqual(events);
    expect(p.timeline).toEqual(['status:connecting', 'status:open', 'status:authenticated', 'event', 'event']);
    expect(p.ofKind('authenticated')[0]!.counters).toEqual({ connections: 1, reconnects: 0, events: 0, rejected: 0 });
    expect(server.requests[0]!.query).toEqual({ user: 'me', token: 'tutum-s3cr3t' });
    expect(p.ofKind('connecting')[0]!.url).not.toContain('tutum-s3cr3t');
  });

  it('reports authenticated again on each reconnection', async () => {
    const server = await startServer({
      connection: (c) =>
        void (c.index === 0
          ? c.sendThenDrop(authMessage(), containerEvent('c1', 'Running'))
          : c.send(authMessage(), containerEvent('c2', 'Running'))),
    });
    const p = probe({ ...FAST, url: server.url, dialect: 'tutum', auth: { user: 'me', apiKey: 'tutum-s3cr3t' } });
    await p.until(() => p.events.length === 2, 'two events');
    expect(p.events).toEqual([containerEvent('c1', 'Running'), containerEvent('c2', 'Running')]);
    expect(p.ofKind('authenticated')).toHaveLength(2);
  });

  it('is the only dialect that consumes it: Docker Cloud passes an auth message through', async () => {
    const server = await startServer({ connection: (c) => void c.send(authMessage(), containerEvent('c1', 'Running')) });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 2, 'two events');
    expect(p.events).toEqual([authMessage(), containerEvent('c1', 'Running')]);
    expect(p.ofKind('authenticated')).toHaveLength(0);
  });
});
