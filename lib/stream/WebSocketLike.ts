/**
 * The part of a WebSocket the stream uses: the standard browser interface, which `ws` (and
 * `isomorphic-ws`) also implement. `ping` and `on('pong')` are used where they exist (`ws`
 * on Node) to tell a quiet connection from a dead one.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Set to `arraybuffer` by the stream, so binary frames never arrive as Blobs. */
  binaryType?: string;
  /** Called once the handshake succeeded. */
  onopen: ((event: unknown) => void) | null;
  /** Called with each frame: `data` is a string for text, an ArrayBuffer for binary. */
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  /** Called when the connection fails; `ws` words a refused handshake `Unexpected server response: 401`. */
  onerror: ((event: unknown) => void) | null;
  /** Called once the connection is closed, with the close code and reason. */
  onclose: ((event: { readonly code: number; readonly reason: string; readonly wasClean?: boolean }) => void) | null;
  /** Closes the connection with a close handshake. */
  close(code?: number, reason?: string): void;
  /** Drops the connection without a close handshake (Node's `ws` only). */
  terminate?: () => void;
  /** Sends a ping frame (Node's `ws` only). */
  ping?: () => void;
  /** Listens for pong and ping frames (Node's `ws` only). */
  on?: (event: 'pong' | 'ping', listener: () => void) => unknown;
}

/** What `ws`-compatible constructors accept as their third argument. */
export interface WebSocketClientOptions {
  /** Headers of the handshake request (Node only). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The largest frame accepted, in bytes (Node only). */
  readonly maxPayload?: number;
}

/**
 * A WebSocket constructor: the browser's `WebSocket`, `ws`, or a test double. The third
 * argument is passed only when the stream has headers or limits for it, which browsers ignore.
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[], options?: WebSocketClientOptions) => WebSocketLike;
