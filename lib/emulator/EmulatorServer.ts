import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Subject, type Observable } from 'rxjs';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { ResourceType } from '../model/ResourceType.js';
import { RESOURCE_TYPES } from '../model/vocabulary.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';
import { AccessControl } from './AccessControl.js';
import { Connection } from './Connection.js';
import type { Emission } from './Emission.js';
import type { Emulator } from './Emulator.js';
import type { EmulatorConnection } from './EmulatorConnection.js';
import { snapshotConnection, type EmulatorConnectionChange } from './EmulatorConnectionChange.js';
import type { EmulatorCredentials } from './EmulatorCredentials.js';
import { EmulatorError } from './EmulatorError.js';
import type { EmulatorRate } from './EmulatorOptions.js';
import type { EmulatorStats } from './EmulatorStats.js';
import type { EmulatorWorld } from './EmulatorWorld.js';
import { EventFilter } from './EventFilter.js';
import { EventPump, type EventSource } from './EventPump.js';
import { FaultInjector } from './FaultInjector.js';
import { handleRestRequest } from './handleRestRequest.js';
import { readCredentials } from './readCredentials.js';
import { Recorder } from './Recorder.js';
import { rateMode, type ResolvedEmulatorOptions } from './resolveEmulatorOptions.js';
import { toWorldResource, type ResourceStore } from './ResourceStore.js';
import { dateInWorldClock, refuseUpgrade, respondJson } from './respond.js';
import { readRequestUrl } from './readRequestUrl.js';
import { routeRequest, type Route } from './routeRequest.js';
import { DASHBOARD_PATH, serveDashboard } from './serveDashboard.js';
import type { WorldResource } from './WorldResource.js';

/**
 * What the server emits from: the simulation or a replay, each with the store REST reads.
 *
 * @internal
 */
export interface EmulatorSource extends EventSource {
  readonly store: ResourceStore;
  readonly eventCount: number;
  readonly datetime: string | undefined;
}

const UNAUTHORIZED = Object.freeze({ type: 'error', data: Object.freeze({ errorMessage: 'UNAUTHORIZED' }) });
/** How long a connection has to answer the close of `stop()` before it is terminated. */
const SHUTDOWN_GRACE = 1000;

/**
 * The emulator itself: one HTTP server answering REST requests and upgrading stream
 * requests through `ws` (in `noServer` mode, so that every refusal is an HTTP answer of ours).
 * `startEmulator` builds one and waits for it to listen.
 *
 * @internal
 */
export class EmulatorServer implements Emulator {
  readonly faults: FaultInjector;
  readonly recording = new Recorder();
  readonly world: EmulatorWorld;
  private readonly access: AccessControl;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly pump: EventPump;
  private readonly live = new Set<Connection>();
  private readonly perAddress = new Map<string, number>();
  private readonly held = new Map<Duplex, NodeJS.Timeout | undefined>();
  private pingTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private boundPort = 0;
  private stopping: Promise<void> | undefined;
  private accepted = 0;
  private restRequests = 0;
  private dropped = 0;
  private emitted = 0;
  private readonly refused: Record<number, number> = {};
  private readonly changes = new Subject<EmulatorConnectionChange>();
  readonly connectionChanges: Observable<EmulatorConnectionChange> = this.changes.asObservable();

  constructor(
    private readonly options: ResolvedEmulatorOptions,
    private readonly source: EmulatorSource,
  ) {
    this.access = new AccessControl(options.user, options.apiKey, options.namespace, options.accessKey);
    this.faults = new FaultInjector({ access: this.access, connections: () => [...this.live], unauthorized: UNAUTHORIZED });
    this.world = worldView(source, options.namespace);
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.maxPayload,
      perMessageDeflate: false,
      autoPong: true,
    });
    const { request, idle } = options.timeouts;
    this.server = createServer(
      {
        // Node's own timers for a request still arriving, upgrades included (their head is
        // parsed as any other's); checked often enough to keep to the timeout, at little cost.
        headersTimeout: request,
        requestTimeout: request,
        connectionsCheckingInterval: Math.min(1000, Math.max(10, Math.floor(request / 4))),
      },
      (req, res) => this.onRequest(req, res),
    );
    this.server.keepAliveTimeout = idle;
    // Counts the TCP connections of every kind, until each closes: beyond the cap, Node closes
    // a new one at once, before reading it.
    this.server.maxConnections = options.maxConnections;
    this.server.on('drop', () => {
      this.dropped++;
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        this.onUpgrade(req, socket, head);
      } catch {
        // Whatever went wrong with one handshake, the emulator goes on serving the others.
        this.refuse(socket, 500, 'Internal server error');
      }
    });
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      // The server keeps half-open sockets: ending ours is not enough against a client that
      // never closes its side, so the socket is destroyed once the answer left (or at once
      // if it cannot leave, the client not reading).
      const fallback = setTimeout(() => socket.destroy(), 1000);
      socket.once('close', () => clearTimeout(fallback));
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    });
    this.pump = new EventPump(
      source,
      {
        deliver: (emission) => this.deliver(emission),
        receiving: () => [...this.live].some((connection) => connection.receiving),
        blocked: () => [...this.live].some((connection) => connection.isBlocked(options.highWaterMark)),
        cork: () => {
          const corked = [...this.live];
          for (const connection of corked) connection.cork();
          return () => {
            for (const connection of corked) connection.uncork();
          };
        },
      },
      options.mode,
    );
  }

  /** Listens, then starts the recording, the heartbeat and (unless paused) the emission. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(
          new EmulatorError(`cannot listen on ${this.options.host}:${this.options.port}: ${error.message}`, {
            kind: 'listen',
            cause: error,
          }),
        );
      };
      this.server.once('error', onError);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.boundPort = (this.server.address() as AddressInfo).port;
    if (this.options.recordFile !== undefined) this.recording.start({ file: this.options.recordFile });
    if (this.options.pingInterval > 0) {
      this.pingTimer = setInterval(() => {
        for (const connection of this.live) connection.heartbeat();
      }, this.options.pingInterval);
    }
    if (!this.options.paused) this.pump.resume();
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `ws://${this.hostForUrl()}:${this.boundPort}`;
  }

  get restUrl(): string {
    return `http://${this.hostForUrl()}:${this.boundPort}`;
  }

  get dashboardUrl(): string | undefined {
    return this.options.dashboard === undefined ? undefined : `${this.restUrl}${DASHBOARD_PATH}`;
  }

  get credentials(): EmulatorCredentials {
    return this.access.credentials;
  }

  get connections(): readonly EmulatorConnection[] {
    return [...this.live].filter((connection) => connection.state !== 'closed');
  }

  get paused(): boolean {
    return this.pump.paused;
  }

  step(count = 1): readonly ResourceEvent[] {
    if (this.stopping !== undefined) throw new EmulatorError('the emulator is stopped', { kind: 'stopped' });
    if (!Number.isInteger(count) || count < 0)
      throw new EmulatorError(`step: count must be a whole number >= 0, got ${String(count)}`, { kind: 'options', option: 'count' });
    return this.pump.step(count).map((emission) => emission.event);
  }

  pause(): void {
    this.pump.pause();
  }

  resume(): void {
    if (this.stopping !== undefined) throw new EmulatorError('the emulator is stopped', { kind: 'stopped' });
    this.pump.resume();
  }

  setRate(rate: EmulatorRate): void {
    if (this.options.replayFile !== undefined) return;
    this.pump.setMode(rateMode(rate));
  }

  stats(): EmulatorStats {
    return {
      eventsEmitted: this.emitted,
      connectionsAccepted: this.accepted,
      connectionsOpen: this.connections.length,
      connectionsDropped: this.dropped,
      handshakesRefused: { ...this.refused },
      restRequests: this.restRequests,
      replayFinished: this.options.replayFile !== undefined && this.pump.exhausted,
    };
  }

  stop(): Promise<void> {
    if (this.stopping === undefined) this.stopping = this.shutdown();
    return this.stopping;
  }

  private hostForUrl(): string {
    const host = this.options.host;
    return host.includes(':') ? `[${host}]` : host;
  }

  private async shutdown(): Promise<void> {
    this.pump.stop();
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    for (const [socket, timer] of this.held) {
      if (timer !== undefined) clearTimeout(timer);
      socket.destroy();
    }
    this.held.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.live].map((connection) => connection.shutdown(1001, 'Server shutting down', SHUTDOWN_GRACE)));
    this.server.closeAllConnections();
    await closed;
    this.wss.close();
    if (this.recording.active) await this.recording.stop();
    // Every connection has closed, and said so: nothing more can happen to one.
    this.changes.complete();
  }

  private deliver(emission: Emission): void {
    this.emitted++;
    this.recording.record(emission);
    for (const connection of this.live) connection.deliver(emission);
  }

  // ---- REST -------------------------------------------------------------------------------

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.restRequests++;
    try {
      const url = readRequestUrl(req.url);
      const dashboard = this.options.dashboard;
      if (dashboard !== undefined) {
        const context = { assets: dashboard, host: this.options.host, port: this.boundPort, credentials: () => this.access.credentials };
        if (serveDashboard(req, res, url, context)) return;
      }
      dateInWorldClock(res, this.source.datetime);
      const route = routeRequest(url.pathname);
      if (route === undefined) {
        respondJson(res, 404, { error: 'Not found' });
        return;
      }
      handleRestRequest(req, res, route, url, { store: this.source.store, namespace: this.options.namespace, access: this.access });
    } catch {
      if (!res.headersSent) respondJson(res, 400, { error: 'Bad request' });
      else res.destroy();
    }
  }

  // ---- the stream handshake ---------------------------------------------------------------

  private refuse(socket: Duplex, status: number, error: string, headers: Record<string, string> = {}): void {
    this.refused[status] = (this.refused[status] ?? 0) + 1;
    refuseUpgrade(socket, status, { error }, headers);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.stopping !== undefined) {
      this.refuse(socket, 503, 'Shutting down');
      return;
    }
    const delay = this.faults.takeDelay();
    if (delay === undefined) {
      this.handshake(req, socket, head);
      return;
    }
    const timer =
      delay === Infinity
        ? undefined
        : setTimeout(() => {
            this.held.delete(socket);
            if (socket.destroyed) return;
            try {
              this.handshake(req, socket, head);
            } catch {
              this.refuse(socket, 500, 'Internal server error');
            }
          }, delay);
    this.held.set(socket, timer);
    socket.once('close', () => {
      const pending = this.held.get(socket);
      if (pending !== undefined) clearTimeout(pending);
      this.held.delete(socket);
    });
  }

  private handshake(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refusal = this.faults.takeRefusal();
    if (refusal !== undefined) {
      this.refuse(socket, refusal.status, 'Service unavailable', refusal.headers);
      return;
    }
    let url: URL;
    try {
      url = readRequestUrl(req.url);
    } catch {
      this.refuse(socket, 400, 'Bad request');
      return;
    }
    const route = routeRequest(url.pathname);
    if (route === undefined || route.kind !== 'stream') {
      this.refuse(socket, 404, 'Not found');
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    if ((this.perAddress.get(address) ?? 0) >= this.options.maxConnectionsPerClient) {
      this.refuse(socket, 429, 'Too many connections', { 'Retry-After': '1' });
      return;
    }
    const authorized = this.access.check(readCredentials(req.headers.authorization, url.searchParams)) === 'ok';
    if (!authorized && !this.options.inBandAuthErrors) {
      this.refuse(socket, 401, 'UNAUTHORIZED', { 'WWW-Authenticate': 'Basic realm="Docker Cloud"' });
      return;
    }
    if (authorized && route.namespace !== undefined && route.namespace !== this.options.namespace) {
      this.refuse(socket, 403, `No access to namespace ${route.namespace}`);
      return;
    }
    // Tutum's stream had no filters: its query holds credentials only, and any filter is ignored.
    const filter = EventFilter.parse(route.dialect === 'tutum' || !authorized ? new URLSearchParams() : url.searchParams);
    if (typeof filter === 'string') {
      this.refuse(socket, 400, `Invalid filter: ${filter}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => this.accept(ws, socket, route, url.pathname, address, filter, authorized));
  }

  private accept(
    ws: WebSocket,
    socket: Duplex,
    route: Extract<Route, { kind: 'stream' }>,
    path: string,
    address: string,
    filter: EventFilter,
    authorized: boolean,
  ): void {
    const connection = new Connection(ws, {
      socket,
      id: this.nextId++,
      path,
      dialect: route.dialect,
      namespace: route.namespace,
      remoteAddress: address,
      filter,
      legacy: route.dialect === 'tutum' && this.options.legacyTutumEvents,
      closeTimeout: this.options.timeouts.close,
    });
    this.accepted++;
    this.live.add(connection);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    void connection.closed.then(() => {
      this.live.delete(connection);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
      this.changes.next({ kind: 'closed', connection: snapshotConnection(connection) });
    });
    this.changes.next({ kind: 'opened', connection: snapshotConnection(connection) });
    if (!authorized) {
      connection.sendControl(UNAUTHORIZED);
      connection.close(1008, 'Unauthorized');
      return;
    }
    this.changes.next({ kind: 'authenticated', connection: snapshotConnection(connection) });
    for (const fault of this.faults.takeConnectionFaults()) connection.inject(fault);
    if (route.dialect === 'tutum') connection.sendControl({ type: 'auth' });
    this.pump.wake();
  }
}

function worldView(source: EmulatorSource, namespace: string): EmulatorWorld {
  return {
    namespace,
    get eventCount(): number {
      return source.eventCount;
    },
    get datetime(): string | undefined {
      return source.datetime;
    },
    resources: (type) => source.store.listed(type).map(toWorldResource),
    get: (uri): WorldResource | undefined => {
      const ref = parseResourceUri(uri);
      if (ref === undefined || !ResourceType.is(ref.kind)) return undefined;
      if (ref.namespace !== undefined && ref.namespace !== namespace) return undefined;
      const resource = source.store.get(ref.kind, ref.uuid);
      return resource === undefined ? undefined : toWorldResource(resource);
    },
    counts: () => {
      const counts = {} as Record<ResourceType, number>;
      for (const type of RESOURCE_TYPES) counts[type] = source.store.listed(type).length;
      return counts;
    },
  };
}
