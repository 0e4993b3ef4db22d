// After the stream closes a socket (unsubscribe, or a reconnect), the close handshake gets 1 s:
// a socket still not closed then is dropped with terminate(), on the stream's scheduler.
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import type { WebSocketConstructor, WebSocketLike } from '../../lib/stream/WebSocketLike.js';
import { LOCAL_URL, Recording, at, now, virtual } from './support/harness.js';

/** A socket whose close handshake never finishes unless the test says so, as with a silent server. */
class SlowClosingSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null = null;
  closedAt: number | undefined;
  terminatedAt: number | undefined;
  close(): void {
    this.closedAt = now();
    this.readyState = 2;
  }
  terminate(): void {
    this.terminatedAt = now();
    this.readyState = 3;
  }
  /** The server answered the close frame. */
  finishClose(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1000, reason: '' });
  }
}

function run(script: (socket: SlowClosingSocket) => void, extra: Partial<StreamOptions> = {}): SlowClosingSocket[] {
  const sockets: SlowClosingSocket[] = [];
  const Socket = function () {
    const socket = new SlowClosingSocket();
    sockets.push(socket);
    return socket;
  } as unknown as WebSocketConstructor;
  virtual(() => {
    new Recording(
      streamEvents({ url: LOCAL_URL, auth: { user: 'me', apiKey: 'key-0123456789' }, WebSocket: Socket, random: () => 0, ...extra }),
      100,
    );
    at(10, () => {
      sockets[0]!.readyState = 1;
      sockets[0]!.onopen?.({});
    });
    at(0, () => script(sockets[0]!));
  });
  return sockets;
}

describe('streamEvents: closing a socket', () => {
  it('drops a socket whose close handshake is not done 1 s after the unsubscribe', () => {
    const [socket] = run(() => undefined);
    expect(socket!.closedAt).toBe(100);
    expect(socket!.terminatedAt).toBe(1100);
  });

  it('leaves alone a socket whose close handshake finished in time', () => {
    const [socket] = run((s) => at(600, () => s.finishClose()));
    expect(socket!.closedAt).toBe(100);
    expect(socket!.readyState).toBe(3);
    expect(socket!.terminatedAt).toBeUndefined();
  });

  it('gives the same grace to an attempt dropped for its connect timeout', () => {
    const sockets: SlowClosingSocket[] = [];
    const Socket = function () {
      const socket = new SlowClosingSocket();
      sockets.push(socket);
      return socket;
    } as unknown as WebSocketConstructor;
    virtual(() => {
      new Recording(
        streamEvents({
          url: LOCAL_URL,
          auth: { user: 'me', apiKey: 'key-0123456789' },
          WebSocket: Socket,
          random: () => 0,
          connectTimeout: 50,
        }),
        500,
      );
    });
    // Attempts at 0 and 1000 ms (minInterval) each time out after 50 ms; the first is dropped 1 s later.
    expect(sockets[0]!.closedAt).toBe(50);
    expect(sockets[0]!.terminatedAt).toBe(1050);
  });
});
