// Connections dropped or closed by a real `ws` server, the reconnection that follows, and
// unsubscribing.

import { share } from 'rxjs';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { streamEvents } from '../../lib/node/streamEvents.js';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import { containerEvent, serviceEvent } from '../../lib/testing/index.js';
import { cleanUp, FAST, probe, sleep, startServer, waitFor, within } from './support/index.js';

jest.setTimeout(5000);
afterEach(cleanUp);

const first = [containerEvent('c1', 'Starting'), containerEvent('c1', 'Running'), serviceEvent('s1', 'Running')];
const second = [containerEvent('c2', 'Starting'), containerEvent('c2', 'Running')];

describe('a connection dropped mid-stream', () => {
  it('is reconnected: every event of both connections arrives in order, and the reopen says reconnected', async () => {
    const server = await startServer({
      connection: (c) => void (c.index === 0 ? c.sendThenDrop(...first) : c.send(...second)),
    });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 5, 'five events');
    expect(p.events).toEqual([...first, ...second]);
    expect(server.requests).toHaveLength(2);
    expect(p.kinds()).toEqual(['connecting', 'open', 'reconnecting', 'connecting', 'open']);
    expect(p.timeline).toEqual([
      'status:connecting',
      'status:open',
      'event',
      'event',
      'event',
      'status:reconnecting',
      'status:connecting',
      'status:open',
      'event',
      'event',
    ]);
    const [open1, open2] = p.ofKind('open');
    expect(open1!.reconnected).toBe(false);
    expect(open1!.counters).toEqual({ connections: 1, reconnects: 0, events: 0, rejected: 0 });
    expect(open2!.reconnected).toBe(true);
    expect(open2!.counters).toEqual({ connections: 2, reconnects: 1, events: 3, rejected: 0 });
    const reconnecting = p.ofKind('reconnecting')[0]!;
    expect(reconnecting.error).toBeInstanceOf(ConnectionError);
    expect(reconnecting.error.kind).toBe('closed');
    expect(reconnecting.error.closeCode).toBe(1006);
    expect(reconnecting.attempt).toBe(1);
    expect(reconnecting.delay).toBeGreaterThanOrEqual(0);
    expect(reconnecting.delay).toBeLessThanOrEqual(FAST.retry.maxDelay);
    expect(p.ofKind('connecting')[1]!.attempt).toBe(1);

    p.unsubscribe();
    const closed = p.ofKind('closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.error).toBeUndefined();
    expect(closed[0]!.counters).toEqual({ connections: 2, reconnects: 1, events: 5, rejected: 0 });
  });

  it('is reconnected after every drop, each reopen flagged', async () => {
    const server = await startServer({
      connection: (c) => void (c.index < 3 ? c.sendThenDrop(containerEvent(`c${c.index}`, 'Running')) : undefined),
    });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 3 && p.ofKind('open').length === 4, 'three events and a fourth connection');
    expect(p.events).toEqual([containerEvent('c0', 'Running'), containerEvent('c1', 'Running'), containerEvent('c2', 'Running')]);
    expect(p.ofKind('open').map((s) => s.reconnected)).toEqual([false, true, true, true]);
    expect(p.ofKind('open')[3]!.counters).toEqual({ connections: 4, reconnects: 3, events: 3, rejected: 0 });
    expect(server.requests).toHaveLength(4);
  });

  it('closed cleanly by the server (1001 going away) is reconnected too', async () => {
    const server = await startServer({
      connection: (c) => void (c.index === 0 ? c.send(...first).then(() => c.ws.close(1001, 'restarting')) : c.send(...second)),
    });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 5, 'five events');
    expect(p.events).toEqual([...first, ...second]);
    const reconnecting = p.ofKind('reconnecting')[0]!;
    expect(reconnecting.error.kind).toBe('closed');
    expect(reconnecting.error.closeCode).toBe(1001);
    expect(reconnecting.error.message).toContain('restarting');
    expect(p.ended()).toBe(false);
  });

  it('with retry: false, a drop ends the stream with a ConnectionError, a clean close completes it', async () => {
    const dropping = await startServer({ connection: (c) => void c.sendThenDrop(...first) });
    const dropped = probe({ ...FAST, url: dropping.url, retry: false });
    await dropped.until(dropped.ended, 'the dropped stream to end');
    expect(dropped.events).toEqual(first);
    expect(dropped.error()).toBeInstanceOf(ConnectionError);
    expect((dropped.error() as ConnectionError).closeCode).toBe(1006);

    const closing = await startServer({ connection: (c) => void c.send(...first).then(() => c.ws.close(1000)) });
    const closed = probe({ ...FAST, url: closing.url, retry: false });
    await closed.until(closed.ended, 'the closed stream to end');
    expect(closed.events).toEqual(first);
    expect(closed.completed()).toBe(true);
    expect(closed.error()).toBeUndefined();
    expect(closed.ofKind('closed')[0]!.counters).toEqual({ connections: 1, reconnects: 0, events: 3, rejected: 0 });
    await sleep(200);
    expect(dropping.requests).toHaveLength(1);
    expect(closing.requests).toHaveLength(1);
  });
});

describe('unsubscribing', () => {
  it('closes the connection with code 1000', async () => {
    const server = await startServer({ connection: (c) => void c.send(containerEvent('c1', 'Running')) });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => p.events.length === 1, 'the event');
    const connection = await server.connection(0);
    p.unsubscribe();
    const closed = await within(connection.closed, 2000, 'the server to see the close');
    expect(closed).toEqual({ code: 1000, reason: '' });
    expect(p.kinds()).toEqual(['connecting', 'open', 'closed']);
    expect(p.ofKind('closed')[0]!.error).toBeUndefined();
    expect(p.completed()).toBe(false);
    await p.until(() => server.openSockets() === 0, 'the server socket to close', 2000);
    await sleep(200);
    expect(server.requests).toHaveLength(1);
  });

  it('during the handshake abandons it, and the server socket closes', async () => {
    const server = await startServer({ handshake: () => 'hang' });
    const p = probe({ ...FAST, url: server.url });
    await p.until(() => server.openSockets() === 1 && server.requests.length === 1, 'the handshake request');
    p.unsubscribe();
    await p.until(() => server.openSockets() === 0, 'the server socket to close', 2000);
    expect(p.kinds()).toEqual(['connecting', 'closed']);
  });

  it('while waiting to reconnect stops every further attempt', async () => {
    const server = await startServer({ handshake: () => 503 });
    const p = probe({ ...FAST, url: server.url, retry: { ...FAST.retry, minInterval: 150 } });
    await p.until(() => p.ofKind('reconnecting').length === 1, 'the first retry to be scheduled');
    p.unsubscribe();
    await sleep(400);
    expect(server.requests).toHaveLength(1);
    expect(p.kinds()).toEqual(['connecting', 'reconnecting', 'closed']);
  });

  it('of one subscription leaves another on its own connection open', async () => {
    const server = await startServer({ connection: (c) => void c.send(containerEvent(`c${c.index}`, 'Running')) });
    const a = probe({ ...FAST, url: server.url });
    const b = probe({ ...FAST, url: server.url });
    await a.until(() => a.events.length === 1 && b.events.length === 1, 'an event on each subscription');
    expect(server.connections).toHaveLength(2);
    a.unsubscribe();
    const firstClosed = await within(
      Promise.race(server.connections.map((c) => c.closed.then((info) => ({ index: c.index, code: info.code })))),
      2000,
      'a connection to close',
    );
    expect(firstClosed.code).toBe(1000);
    await sleep(100);
    expect(b.ofKind('closed')).toHaveLength(0);
    expect(server.openSockets()).toBe(1);
  });

  it('of the last subscriber of a shared stream closes its single connection', async () => {
    const server = await startServer({ connection: (c) => void c.send(containerEvent('c1', 'Running')) });
    const shared = streamEvents({ ...FAST, url: server.url, env: {}, auth: 'none' }).pipe(share());
    const seen: CloudEvent[][] = [[], []];
    const subscriptions = [shared.subscribe((e) => seen[0]!.push(e)), shared.subscribe((e) => seen[1]!.push(e))];
    try {
      await waitFor(() => seen[0]!.length === 1 && seen[1]!.length === 1, 'the event on both subscribers');
      expect(server.connections).toHaveLength(1);
      const connection = await server.connection(0);
      subscriptions[0]!.unsubscribe();
      await sleep(100);
      expect(connection.ws.readyState).toBe(connection.ws.OPEN);
      subscriptions[1]!.unsubscribe();
      const closed = await within(connection.closed, 2000, 'the server to see the close');
      expect(closed).toEqual({ code: 1000, reason: '' });
      expect(server.requests).toHaveLength(1);
    } finally {
      for (const subscription of subscriptions) subscription.unsubscribe();
    }
  });
});
