// Attack: a server that stops answering. After an unsubscribe, `ws` would wait 30 s for the
// server's close frame, holding the socket and the process: the stream gives the close
// handshake 1 s, then drops the socket, so a process that is done exits.
import WebSocket from 'ws';
import { streamEvents } from '../../lib/node/streamEvents.js';
import type { WebSocketConstructor } from '../../lib/stream/WebSocketLike.js';
import { containerEvent } from '../../lib/testing/index.js';
import { closeAllServers, startServer, type ServerConnection } from '../integration/support/server.js';
import { assertBuilt, runChild } from './support/child.js';

jest.setTimeout(20_000);
afterEach(closeAllServers);

const AUTH = { user: 'me', apiKey: 'silent-key-0123456789' } as const;

/** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. */
async function waitFor(predicate: () => boolean, what: string, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - start;
}

/** A server that accepts, sends one event, then reads nothing more: it never sees the close frame. */
async function silentServer(): Promise<{ url: string; connected: () => ServerConnection | undefined }> {
  let connection: ServerConnection | undefined;
  const server = await startServer({
    connection: (c) => {
      connection = c;
      void c.send(containerEvent('c1', 'Running')).then(() => c.stopReading());
    },
  });
  return { url: server.url, connected: () => connection };
}

describe('a server that stops answering', () => {
  it('gets 1 s to finish the close handshake after an unsubscribe, then the client socket is dropped', async () => {
    const server = await silentServer();
    const sockets: WebSocket[] = [];
    // The real `ws`, remembered so that the test can watch the socket the stream used.
    const Recorded = class extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    } as unknown as WebSocketConstructor;
    const events: unknown[] = [];
    const subscription = streamEvents({ url: server.url, auth: AUTH, WebSocket: Recorded, env: {} }).subscribe((e) => events.push(e));
    await waitFor(() => events.length === 1 && server.connected() !== undefined, 'the first event', 5000);
    const socket = sockets[0]!;
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    const unsubscribedAt = Date.now();
    subscription.unsubscribe();
    // The close frame went out, and the server does not answer it.
    expect(socket.readyState).toBe(WebSocket.CLOSING);
    const closedAt = await closed;
    expect(socket.readyState).toBe(WebSocket.CLOSED);
    // ~1 s of grace, not ws's 30 s.
    expect(closedAt - unsubscribedAt).toBeGreaterThanOrEqual(900);
    expect(closedAt - unsubscribedAt).toBeLessThan(1500);
    // Nothing of the socket is left on the client: its TCP socket is destroyed.
    expect((socket as unknown as { _socket: { destroyed: boolean } | null })._socket?.destroyed ?? true).toBe(true);
  });

  it('does not keep a process that unsubscribed alive for more than ~1 s', async () => {
    assertBuilt();
    const server = await silentServer();
    const script = `
      const [url] = process.argv.slice(1);
      const subscription = lib.streamEvents({ url, auth: { user: 'me', apiKey: 'silent-key-0123456789' }, env: {} }).subscribe(() => {
        subscription.unsubscribe();
        process.stdout.write('unsubscribed ' + Date.now() + '\\n');
      });
    `;
    const run = await runChild(script, [server.url], 'unsubscribed');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const unsubscribedAt = Number(/unsubscribed (\d+)/.exec(run.stdout)?.[1]);
    expect(Number.isFinite(unsubscribedAt)).toBe(true);
    // The server never answered the close: the process still exits within ~2 s.
    expect(server.connected()).toBeDefined();
    expect(run.exitedAt - unsubscribedAt).toBeLessThan(2000);
  });

  it('closes at once, without waiting, when the server answers the close', async () => {
    const server = await startServer({ connection: (c) => void c.send(containerEvent('c1', 'Running')) });
    const script = `
      const [url] = process.argv.slice(1);
      const subscription = lib.streamEvents({ url, auth: { user: 'me', apiKey: 'silent-key-0123456789' }, env: {} }).subscribe(() => {
        subscription.unsubscribe();
        process.stdout.write('unsubscribed ' + Date.now() + '\\n');
      });
    `;
    assertBuilt();
    const run = await runChild(script, [server.url], 'unsubscribed');
    expect(run.code).toBe(0);
    const closed = await (await server.connection(0)).closed;
    // A polite close: code 1000, as before.
    expect(closed.code).toBe(1000);
    const unsubscribedAt = Number(/unsubscribed (\d+)/.exec(run.stdout)?.[1]);
    expect(run.exitedAt - unsubscribedAt).toBeLessThan(900);
  });
});
