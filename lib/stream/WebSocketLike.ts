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
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string; readonly wasClean?: boolean }) => void) | null;
  close(code?: number, reason?: string): void;
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
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: WebSocketClientOptions,
) => WebSocketLike;
