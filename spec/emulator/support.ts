// Raw protocol helpers for the emulator specs: a plain `ws` client and plain `fetch`, never the
// library's own stream client, so that the emulator is held to the wire protocol itself.
import WebSocket, { type ClientOptions } from 'ws';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import { isResourceEvent } from '../../lib/model/CloudEvent.js';
import type { Emulator } from '../../lib/emulator/index.js';

export interface Frame {
  readonly text: string;
  readonly binary: boolean;
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** A raw websocket client that keeps every frame it receives. */
export class TestClient {
  readonly frames: Frame[] = [];
  readonly pings: number[] = [];
  readonly closed: Promise<CloseInfo>;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.frames.push({ text: data.toString('utf8'), binary: isBinary });
      this.notify();
    });
    ws.on('ping', () => {
      this.pings.push(Date.now());
      this.notify();
    });
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      ws.once('close', (code: number, reason: Buffer) => {
        this.notify();
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
  }

  get texts(): string[] {
    return this.frames.map((frame) => frame.text);
  }

  /** The frames decoded as resource events (fails the test on any other frame). */
  events(): ResourceEvent[] {
    return this.frames.map((frame) => expectResourceEvent(frame.text));
  }

  /** Resolves once `predicate` holds, checked at each frame, ping and close. */
  until(predicate: () => boolean, timeout = 3000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what} (have ${this.frames.length} frames)`));
      }, timeout);
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  waitFrames(count: number, timeout = 3000): Promise<Frame[]> {
    return this.until(() => this.frames.length >= count, timeout, `${count} frames`).then(() => this.frames.slice(0, count));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Clients opened by a test, all terminated after it. */
export class ClientPool {
  private readonly clients: TestClient[] = [];

  /** Opens a client; rejects with the HTTP status when the handshake is refused. */
  connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    this.clients.push(client);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        res.resume();
        reject(new HandshakeRefused(res.statusCode ?? 0, res.headers));
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  async closeAll(): Promise<void> {
    await Promise.all(
      this.clients.splice(0).map((client) => {
        if (client.ws.readyState === WebSocket.CLOSED) return Promise.resolve(undefined);
        client.ws.terminate();
        return client.closed;
      }),
    );
  }
}

export class HandshakeRefused extends Error {
  constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
  ) {
    super(`handshake refused with ${status}`);
  }
}

/** The HTTP status a handshake gets: 101 when accepted (the socket is then closed). */
export async function handshakeStatus(url: string, options: ClientOptions = {}): Promise<number> {
  const pool = new ClientPool();
  try {
    await pool.connect(url, options);
    return 101;
  } catch (error) {
    if (error instanceof HandshakeRefused) return error.status;
    throw error;
  } finally {
    await pool.closeAll();
  }
}

/** A REST GET (or another method) with the emulator's Basic credentials unless told otherwise. */
export async function rest(
  emulator: Emulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; auth?: boolean } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the specs read the JSON bodies field by field, as a client would.
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {
    ...(init.auth === false ? {} : { Authorization: emulator.credentials.authorization }),
    ...init.headers,
  };
  const res = await fetch(`${emulator.restUrl}${path}`, { method: init.method ?? 'GET', headers });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
}

/** The stream URL of Docker Cloud with header auth options. */
export function dockerCloud(emulator: Emulator, query = ''): [string, ClientOptions] {
  return [`${emulator.url}/api/audit/v1/events/${query}`, { headers: { Authorization: emulator.credentials.authorization } }];
}

/** Decodes a frame with the library's decoder and insists on a resource event. */
export function expectResourceEvent(text: string): ResourceEvent {
  const result = decodeEvent(text);
  if (result._tag === 'Left') throw new Error(`frame did not decode: ${result.left.message}`);
  if (!isResourceEvent(result.right)) throw new Error(`not a resource event: ${text.slice(0, 120)}`);
  return result.right;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The kind and uuid of a resource URI: `/api/app/v1/ns/<kind>/<uuid>/`. */
export function kindOf(uri: string): string {
  const segments = uri.split('/').filter(Boolean);
  return segments[segments.length - 2]!;
}
