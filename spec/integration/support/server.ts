// A real `ws` server on 127.0.0.1 for the integration tests: it records every handshake
// request, can refuse a handshake with any HTTP status, and can misbehave on purpose (drop the
// socket, stop reading, send malformed frames). Every server started here is closed by
// `closeAllServers`, which the integration specs call in `afterEach`.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/** One handshake request, as the server received it. */
export interface RecordedRequest {
  /** 0 for the first request the server received. */
  readonly index: number;
  /** The request target, path and query (`/api/audit/v1/events/?type=container`). */
  readonly path: string;
  /** The path alone. */
  readonly pathname: string;
  /** The query parameters (the last value of each name). */
  readonly query: Readonly<Record<string, string>>;
  /** The raw query string, without `?`. */
  readonly search: string;
  /** The headers, names lower-cased as Node gives them. */
  readonly headers: IncomingHttpHeaders;
}

/** How a connection the server accepted ended. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** A connection the server accepted. */
export interface ServerConnection {
  /** 0 for the first connection the server accepted. */
  readonly index: number;
  readonly request: RecordedRequest;
  readonly ws: WebSocket;
  /** Text and binary messages the client sent. */
  readonly received: RawData[];
  /** How many pings the server received from the client. */
  readonly pings: () => number;
  /** Resolves when the connection is closed, with the close code the server saw. */
  readonly closed: Promise<CloseInfo>;
  /** Sends each frame in turn (objects are JSON-encoded); resolves once all are flushed. */
  readonly send: (...frames: readonly unknown[]) => Promise<void>;
  /** Sends the frames, then destroys the TCP socket without a close frame (code 1006 on the client). */
  readonly sendThenDrop: (...frames: readonly unknown[]) => Promise<void>;
  /** Stops reading from the socket: pings are no longer seen, so no pong is sent. */
  readonly stopReading: () => void;
}

/** A refused handshake with the text of its status line and body chosen. */
export interface HandshakeRefusal {
  readonly status: number;
  readonly statusText?: string;
  readonly body?: string;
}

/** What the server does with each request and connection. */
export interface ServerHandlers {
  /**
   * Called on every handshake request: return an HTTP status to answer with instead of
   * upgrading (401, 404, 503…), or a status with the reason phrase and body to send (a hostile
   * server's text), `'hang'` to never answer, or `undefined` to accept it.
   */
  readonly handshake?: (request: RecordedRequest) => number | HandshakeRefusal | 'hang' | undefined;
  /** Called on every accepted connection. */
  readonly connection?: (connection: ServerConnection) => void;
}

/** Options of the `ws` server itself. */
export interface ServerOptions {
  /** Whether `ws` answers pings by itself. Default true. */
  readonly autoPong?: boolean;
}

export interface TestServer {
  /** `ws://127.0.0.1:<port>`, without a path. */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  readonly connections: readonly ServerConnection[];
  /** How many TCP sockets (upgraded or not) are still open on the server side. */
  readonly openSockets: () => number;
  /** Resolves with the connection of that index once the server has accepted it. */
  readonly connection: (index: number, timeoutMs?: number) => Promise<ServerConnection>;
  /** Closes every socket and the server. Safe to call twice. */
  readonly close: () => Promise<void>;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const running = new Set<TestServer>();

function encode(frame: unknown): string | Buffer {
  if (typeof frame === 'string' || Buffer.isBuffer(frame)) return frame;
  return JSON.stringify(frame);
}

function record(index: number, url: string, headers: IncomingHttpHeaders): RecordedRequest {
  const parsed = new URL(url, 'http://127.0.0.1');
  const query: Record<string, string> = {};
  for (const [name, value] of parsed.searchParams) query[name] = value;
  return { index, path: url, pathname: parsed.pathname, query, search: parsed.search.replace(/^\?/, ''), headers };
}

/**
 * Starts a WebSocket server on an ephemeral port of 127.0.0.1. Handshakes go through
 * `handlers.handshake`, which may refuse them with an HTTP status; accepted connections go to
 * `handlers.connection`.
 */
export async function startServer(handlers: ServerHandlers = {}, options: ServerOptions = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const connections: ServerConnection[] = [];
  const sockets = new Set<Duplex>();
  const waiters: Array<() => void> = [];
  const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  const http: Server = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' });
    res.end('upgrade required');
  });
  http.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  http.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const request = record(requests.length, req.url ?? '/', req.headers);
    requests.push(request);
    const status = handlers.handshake?.(request);
    if (status === 'hang') {
      // Read on, so that the client giving up (EOF) is seen and the socket closed.
      socket.on('end', () => socket.destroy());
      socket.resume();
      return;
    }
    if (typeof status === 'object') {
      const body = Buffer.from(status.body ?? 'refused', 'utf8');
      const head = `HTTP/1.1 ${status.status} ${status.statusText ?? REASONS[status.status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`;
      socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
      return;
    }
    if (status !== undefined) {
      socket.end(
        `HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\nrefused`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      let pings = 0;
      const received: RawData[] = [];
      ws.on('ping', () => {
        pings += 1;
      });
      ws.on('message', (data) => received.push(data));
      ws.on('error', () => undefined);
      const closed = new Promise<CloseInfo>((resolve) => {
        ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      });
      const send = async (...frames: readonly unknown[]): Promise<void> => {
        for (const frame of frames) {
          await new Promise<void>((resolve, reject) => ws.send(encode(frame), (error) => (error ? reject(error) : resolve())));
        }
      };
      const connection: ServerConnection = {
        index: connections.length,
        request,
        ws,
        received,
        pings: () => pings,
        closed,
        send,
        sendThenDrop: async (...frames) => {
          await send(...frames);
          ws.terminate();
        },
        stopReading: () => {
          socket.pause();
          // `ws` resumes the socket when it has drained its buffer: keep it paused.
          socket.removeAllListeners('data');
        },
      };
      connections.push(connection);
      handlers.connection?.(connection);
      for (const wake of waiters.splice(0)) wake();
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const server: TestServer = {
    url: `ws://127.0.0.1:${port}`,
    port,
    requests,
    connections,
    openSockets: () => sockets.size,
    connection: (index, timeoutMs = 3000) =>
      new Promise<ServerConnection>((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`no connection #${index} within ${timeoutMs} ms (got ${connections.length})`)),
          timeoutMs,
        );
        const check = (): void => {
          const found = connections[index];
          if (found !== undefined) {
            clearTimeout(deadline);
            resolve(found);
          } else {
            waiters.push(check);
          }
        };
        check();
      }),
    close: () => {
      closing ??= (async () => {
        running.delete(server);
        for (const client of wss.clients) client.terminate();
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => http.close(() => resolve()));
      })();
      return closing;
    },
  };
  running.add(server);
  return server;
}

/** Closes every server `startServer` started and that is still running. */
export async function closeAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.close()));
}
