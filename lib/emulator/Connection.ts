import type WebSocket from 'ws';
import { checkFault, isSendableCloseCode, type ConnectionFault, type MalformedFrame } from './ConnectionFault.js';
import type { Emission } from './Emission.js';
import type { ConnectionState, EmulatorConnection } from './EmulatorConnection.js';
import { EmulatorError } from './EmulatorError.js';
import type { ConnectionFilter, EventFilter } from './EventFilter.js';

/** What a connection was accepted with. */
export interface ConnectionInfo {
  readonly id: number;
  readonly path: string;
  readonly dialect: 'dockercloud' | 'tutum';
  readonly namespace: string | undefined;
  readonly remoteAddress: string;
  readonly filter: EventFilter;
  /** Send Tutum-shaped events (the `legacyTutumEvents` option, on the Tutum path). */
  readonly legacy: boolean;
  /** The socket under the WebSocket, corked while the pump emits a burst. */
  readonly socket?: { cork(): void; uncork(): void };
  /** How long a close may wait for the client's answer before the socket is terminated. Default 5000. */
  readonly closeTimeout?: number;
}

type ActiveFault =
  | { readonly kind: 'drop' | 'close' | 'stall' | 'error'; remaining: number; readonly fault: ConnectionFault }
  | {
      readonly kind: 'malformed';
      readonly frames: readonly MalformedFrame[];
      readonly every: number;
      untilNext: number;
      left: number;
      next: number;
    };

const SAMPLE_EVENT = {
  type: 'container',
  action: 'update',
  parents: [],
  resource_uri: '/api/app/v1/container/00000000-0000-4000-8000-000000000000/',
  state: 'Running',
};
const ONE_MIB = 1024 * 1024;

/**
 * One accepted stream connection: sends it the events its filter matches, applies its
 * faults, answers the heartbeat. Every bit of its state lives here, so connections never
 * share any.
 *
 * @internal
 */
export class Connection implements EmulatorConnection {
  readonly id: number;
  readonly path: string;
  readonly dialect: 'dockercloud' | 'tutum';
  readonly namespace: string | undefined;
  readonly remoteAddress: string;
  readonly openedAt = Date.now();
  messagesSent = 0;
  eventsSent = 0;
  eventsMissed = 0;
  /** Resolves once the socket is closed, whoever closed it. */
  readonly closed: Promise<void>;
  private status: ConnectionState = 'open';
  private alive = true;
  private faults: ActiveFault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly eventFilter: EventFilter;
  private readonly legacy: boolean;
  private readonly socket: ConnectionInfo['socket'];
  private readonly closeTimeout: number;

  constructor(
    private readonly ws: WebSocket,
    info: ConnectionInfo,
  ) {
    this.id = info.id;
    this.path = info.path;
    this.dialect = info.dialect;
    this.namespace = info.namespace;
    this.remoteAddress = info.remoteAddress;
    this.eventFilter = info.filter;
    this.socket = info.socket;
    this.legacy = info.legacy;
    this.closeTimeout = info.closeTimeout ?? 5000;
    // A protocol error of the client (an oversized frame, a bad close code) is answered by
    // `ws` itself with a close; the listener only keeps the error from crashing the process.
    ws.on('error', () => undefined);
    ws.on('pong', () => {
      this.alive = true;
    });
    this.closed = new Promise((resolve) => {
      ws.once('close', () => {
        this.status = 'closed';
        for (const timer of this.timers) clearTimeout(timer);
        this.timers.clear();
        this.faults = [];
        resolve();
      });
    });
  }

  get filter(): ConnectionFilter {
    return this.eventFilter.description;
  }

  get state(): ConnectionState {
    return this.status;
  }

  /** Whether the emulator should pace itself on this connection (rate `'max'`). */
  get receiving(): boolean {
    return this.status === 'open';
  }

  /** Whether more than `highWaterMark` bytes wait in its buffers. */
  isBlocked(highWaterMark: number): boolean {
    return this.status === 'open' && this.ws.bufferedAmount > highWaterMark;
  }

  /** Sends the event if the filter wants it and the connection can take it. */
  deliver(emission: Emission): void {
    if (this.status !== 'open' && this.status !== 'stalled') return;
    if (!this.eventFilter.matches(emission)) return;
    if (this.status === 'stalled') {
      this.eventsMissed++;
      return;
    }
    this.sendFrame(this.legacy ? emission.legacyText : emission.text);
    this.eventsSent++;
    this.afterEvent();
  }

  /** Sends a control message (`auth`, `error`): a message like any other for the faults. */
  sendControl(message: object): void {
    if (this.status !== 'open') return;
    this.sendFrame(JSON.stringify(message));
  }

  inject(fault: ConnectionFault): void {
    checkFault(fault);
    if (this.status === 'closed' || this.status === 'closing') return;
    if (fault.kind === 'malformed') {
      const frames = fault.frames === undefined ? ['json' as const] : typeof fault.frames === 'string' ? [fault.frames] : [...fault.frames];
      const every = fault.every ?? 1;
      this.faults.push({ kind: 'malformed', frames, every, untilNext: every, left: fault.count ?? 1, next: 0 });
      return;
    }
    const active: ActiveFault = { kind: fault.kind, remaining: fault.afterMessages ?? 0, fault };
    if (active.remaining === 0) this.fire(active);
    else this.faults.push(active);
  }

  close(code = 1000, reason = ''): void {
    if (!isSendableCloseCode(code)) throw new EmulatorError(`close code ${code} cannot be sent in a close frame`, { kind: 'fault' });
    if (this.status === 'closed') return;
    if (this.status === 'stalled') this.ws.resume();
    this.status = 'closing';
    this.ws.close(code, reason);
    // ws waits 30 s for the client's close frame, and a client that stopped reading never
    // even gets ours: past the close timeout the socket is terminated, so that it is freed.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ws.terminate();
    }, this.closeTimeout);
    this.timers.add(timer);
  }

  terminate(): void {
    if (this.status === 'closed') return;
    this.status = 'closing';
    this.ws.terminate();
  }

  /**
   * One beat of the server's heartbeat: terminates the connection if it never answered the
   * previous ping, pings it otherwise. Stalled and closing connections are left alone.
   */
  heartbeat(): void {
    if (this.status !== 'open') return;
    if (!this.alive) {
      this.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      // The socket is going away: its close event follows.
    }
  }

  /**
   * Holds the frames sent from now until {@link uncork} in the socket, to go out in one write:
   * a burst of events costs one system call rather than one each. Calls nest.
   */
  cork(): void {
    this.socket?.cork();
  }

  /** Ends one {@link cork}: at the last, the frames held go out. */
  uncork(): void {
    this.socket?.uncork();
  }

  /** Closes with `code` and resolves when closed, terminating it after `timeout` ms. */
  shutdown(code: number, reason: string, timeout: number): Promise<void> {
    if (this.status === 'closed') return this.closed;
    if (this.status === 'stalled') this.ws.resume();
    if (this.status !== 'closing') {
      this.status = 'closing';
      this.ws.close(code, reason);
    }
    const timer = setTimeout(() => this.ws.terminate(), timeout);
    return this.closed.then(() => clearTimeout(timer));
  }

  private sendFrame(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
    this.messagesSent++;
    this.afterMessage();
  }

  private afterMessage(): void {
    for (const active of [...this.faults]) {
      if (active.kind === 'malformed' || this.status === 'closing' || this.status === 'closed') continue;
      if (--active.remaining <= 0) {
        this.faults.splice(this.faults.indexOf(active), 1);
        this.fire(active);
      }
    }
  }

  private afterEvent(): void {
    for (const active of [...this.faults]) {
      if (active.kind !== 'malformed' || this.status !== 'open') continue;
      if (--active.untilNext > 0) continue;
      active.untilNext = active.every;
      const frame = active.frames[active.next % active.frames.length]!;
      active.next++;
      if (--active.left <= 0) this.faults.splice(this.faults.indexOf(active), 1);
      this.sendMalformed(frame);
    }
  }

  private sendMalformed(frame: MalformedFrame): void {
    switch (frame) {
      case 'json':
        this.sendFrame('{"type":"container","action":"update","parents":["/api/app/v1/');
        return;
      case 'shape':
        this.sendFrame('{"type":"container","action":"explode","parents":"none","resource_uri":42}');
        return;
      case 'binary':
        this.sendFrame(Buffer.from(JSON.stringify(SAMPLE_EVENT)), true);
        return;
      case 'oversized':
        this.sendFrame(JSON.stringify({ ...SAMPLE_EVENT, padding: 'x'.repeat(ONE_MIB + ONE_MIB / 2) }));
        return;
    }
  }

  private fire(active: ActiveFault): void {
    if (this.status === 'closing' || this.status === 'closed') return;
    const fault = active.kind === 'malformed' ? undefined : active.fault;
    switch (fault?.kind) {
      case 'drop':
        this.status = 'closing';
        this.dropWhenFlushed(Date.now() + 1000);
        return;
      case 'close':
        this.close(fault.code ?? 1000, fault.reason ?? '');
        return;
      case 'error':
        this.sendFrame(JSON.stringify({ type: 'error', data: { errorMessage: fault.errorMessage ?? 'Internal server error' } }));
        // A stalled connection is closed too: `close` resumes it, and the close timeout frees
        // it if its client stopped reading.
        if (fault.close !== false && (this.status === 'open' || this.status === 'stalled')) this.close(fault.code ?? 1011, '');
        return;
      case 'stall': {
        this.status = 'stalled';
        this.ws.pause();
        if (fault.duration !== undefined) {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            if (this.status !== 'stalled') return;
            this.status = 'open';
            this.alive = true;
            this.ws.resume();
          }, fault.duration);
          this.timers.add(timer);
        }
        return;
      }
      default:
        return;
    }
  }

  /** Waits for the messages already sent to leave the process, so the client gets them, then drops. */
  private dropWhenFlushed(deadline: number): void {
    if (this.ws.bufferedAmount === 0 || Date.now() >= deadline) {
      this.ws.terminate();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.dropWhenFlushed(deadline);
    }, 1);
    this.timers.add(timer);
  }
}
