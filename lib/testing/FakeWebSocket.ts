import type { WebSocketClientOptions, WebSocketConstructor, WebSocketLike } from '../stream/WebSocketLike.js';

/**
 * A WebSocket double driven by the test: the test opens it, sends it messages, closes or
 * fails it, and reads what the client did (its URL, headers, pings, close code). Create them
 * through a {@link FakeWebSocketServer}, whose `WebSocket` constructor is what you inject.
 *
 * @example
 * ```ts
 * const server = new FakeWebSocketServer();
 * streamEvents({ WebSocket: server.WebSocket, url: 'ws://127.0.0.1:1', auth: { user: 'me', apiKey: 'fake-key' } }).subscribe(console.log);
 * server.last.open();
 * server.last.message(JSON.stringify(containerEvent('c1', 'Running')));
 * ```
 */
export class FakeWebSocket implements WebSocketLike {
  /** 0 connecting, 1 open, 3 closed. */
  readyState = 0;
  /** What the client set. */
  binaryType?: string;
  /** The client's handler of the handshake's success. */
  onopen: ((event: unknown) => void) | null = null;
  /** The client's handler of frames. */
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  /** The client's handler of failures. */
  onerror: ((event: unknown) => void) | null = null;
  /** The client's handler of the close. */
  onclose: ((event: { readonly code: number; readonly reason: string; readonly wasClean?: boolean }) => void) | null = null;
  /** The close code the client gave, once it closed the socket. */
  closedWith?: number;
  /** How many pings the client sent. */
  pings = 0;
  /** Whether the client dropped the socket without a close handshake (`terminate`). */
  terminated = false;
  /** Sends a ping (pingable sockets only). */
  readonly ping?: () => void;
  /** Drops the socket without a close handshake (pingable sockets only). */
  readonly terminate?: () => void;
  /** Listens for pongs (pingable sockets only). */
  readonly on?: (event: 'pong' | 'ping', listener: () => void) => unknown;
  private readonly pongListeners: (() => void)[] = [];

  constructor(
    /** The URL the client asked for. */
    readonly url: string,
    /** The third constructor argument: headers and limits. */
    readonly options: WebSocketClientOptions | undefined,
    /** Whether this socket offers `ping`, `terminate` and `on('pong')`, as Node's `ws` does. */
    pingable: boolean,
  ) {
    if (pingable) {
      this.ping = () => {
        this.pings += 1;
      };
      this.terminate = () => {
        this.terminated = true;
        this.readyState = 3;
      };
      this.on = (event, listener) => {
        if (event === 'pong') this.pongListeners.push(listener);
        return this;
      };
    }
  }

  /** The handshake succeeded. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The server sent a frame: a string for text, an ArrayBuffer for binary. */
  message(data: unknown): void {
    this.onmessage?.({ data });
  }

  /** The server answered a ping. */
  pong(): void {
    for (const listener of this.pongListeners) listener();
  }

  /** The socket failed, with an error message as `ws` words it (e.g. `Unexpected server response: 401`). */
  fail(message = ''): void {
    // As in browsers (and `ws`, which is CLOSING by then), the socket is no longer open when
    // its error handler runs, so the client has nothing to close.
    this.readyState = 3;
    this.onerror?.({ message });
    this.onclose?.({ code: 1006, reason: '', wasClean: false });
  }

  /** The server closed the connection. */
  serverClose(code = 1000, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: code === 1000 });
  }

  /** The client closes the socket; the code is kept in {@link FakeWebSocket.closedWith}. */
  close(code?: number): void {
    if (this.readyState === 3) return;
    this.closedWith = code ?? 1005;
    this.readyState = 3;
  }
}

/**
 * Hands out {@link FakeWebSocket}s and remembers them, in order of creation.
 *
 * @example
 * ```ts
 * const server = new FakeWebSocketServer({ pingable: true });
 * ```
 */
export class FakeWebSocketServer {
  /** Every socket created, oldest first. */
  readonly sockets: FakeWebSocket[] = [];
  /** The constructor to inject as `options.WebSocket`. */
  readonly WebSocket: WebSocketConstructor;

  constructor(options: { readonly pingable?: boolean } = {}) {
    const sockets = this.sockets;
    const pingable = options.pingable === true;
    this.WebSocket = class extends FakeWebSocket {
      constructor(url: string, _protocols?: string | string[], clientOptions?: WebSocketClientOptions) {
        super(url, clientOptions, pingable);
        sockets.push(this);
      }
    };
  }

  /** The newest socket. Throws when none was created. */
  get last(): FakeWebSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (socket === undefined) throw new Error('no socket was created');
    return socket;
  }
}
