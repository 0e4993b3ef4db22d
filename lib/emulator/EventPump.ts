import { performance } from 'node:perf_hooks';
import type { Emission } from './Emission.js';

/**
 * Where the pump takes events from: the simulation (endless) or a replay (finite, with the
 * recorded time of each event).
 *
 * @internal
 */
export interface EventSource {
  /** The next event, or `undefined` once a replay is over. */
  next(): Emission | undefined;
  /** The recorded time (ms) of the next event of a replay; `undefined` when over or not a replay. */
  peekTime(): number | undefined;
}

/**
 * Where the pump sends events, and how it learns to wait.
 *
 * @internal
 */
export interface EventSink {
  deliver(emission: Emission): void;
  /** Whether any connection is receiving (at rate `'max'`, nothing is emitted otherwise). */
  receiving(): boolean;
  /** Whether a connection has more buffered than the high-water mark. */
  blocked(): boolean;
  /**
   * Holds what is sent until the returned function is called, so that the events of one tick
   * at rate `'max'` leave in one write per connection.
   */
  cork?(): () => void;
}

/**
 * How the pump paces events.
 *
 * @internal
 */
export type PumpMode =
  { readonly kind: 'rate'; readonly rate: number } | { readonly kind: 'max' } | { readonly kind: 'recorded'; readonly speed: number };

/**
 * Events emitted in one turn of the event loop at most, so that sockets, timers and REST
 * requests get theirs: a few ms of work, even at rate `'max'`.
 */
const BURST = 256;
/** How often a burst checks the connections' buffers. */
const CHECK_EVERY = 32;

/**
 * Takes events from the source and hands them to the sink at the pace of its mode: a steady
 * rate (a token bucket on the monotonic clock), as fast as the connections drain, or at the
 * recorded times of a replay. `step()` emits synchronously whatever the mode.
 *
 * @internal
 */
export class EventPump {
  private running = false;
  private stopped = false;
  private over = false;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private waitingForReaders = false;
  private credit = 0;
  private last = 0;
  private base = 0;
  private lastTime = 0;

  constructor(
    private readonly source: EventSource,
    private readonly sink: EventSink,
    private mode: PumpMode,
  ) {}

  get paused(): boolean {
    return !this.running;
  }

  /** Whether a replay has sent its last event. */
  get exhausted(): boolean {
    return this.over;
  }

  resume(): void {
    if (this.stopped || this.running) return;
    this.running = true;
    this.restart();
  }

  pause(): void {
    this.running = false;
    this.disarm();
  }

  setMode(mode: PumpMode): void {
    this.mode = mode;
    if (this.running) this.restart();
  }

  /** Emits up to `count` events now; returns them. */
  step(count: number): Emission[] {
    const out: Emission[] = [];
    for (let i = 0; i < count; i++) {
      const emission = this.emitOne();
      if (emission === undefined) break;
      out.push(emission);
    }
    if (this.mode.kind === 'recorded') this.rebase();
    return out;
  }

  /** A connection arrived: at rate `'max'`, emission may resume. */
  wake(): void {
    if (this.running && this.waitingForReaders) {
      this.waitingForReaders = false;
      this.arm(0);
    }
  }

  stop(): void {
    this.stopped = true;
    this.pause();
  }

  private restart(): void {
    this.disarm();
    this.credit = 0;
    this.last = performance.now();
    this.rebase();
    this.arm(0);
  }

  private rebase(): void {
    if (this.mode.kind === 'recorded') this.base = performance.now() - this.lastTime / this.mode.speed;
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.waitingForReaders = false;
  }

  private arm(delay: number): void {
    if (!this.running || this.over) return;
    if (delay <= 0) this.immediate = setImmediate(() => this.tick());
    else this.timer = setTimeout(() => this.tick(), Math.min(delay, 60_000));
  }

  private emitOne(): Emission | undefined {
    if (this.over) return undefined;
    const time = this.source.peekTime();
    const emission = this.source.next();
    if (emission === undefined) {
      this.over = true;
      return undefined;
    }
    if (time !== undefined) this.lastTime = time;
    this.sink.deliver(emission);
    return emission;
  }

  private tick(): void {
    this.timer = undefined;
    this.immediate = undefined;
    if (!this.running) return;
    // At full speed, the events of a tick leave together; at a set rate, each as it comes.
    const uncork = this.mode.kind === 'max' ? this.sink.cork?.() : undefined;
    try {
      this.emitBurst();
    } finally {
      uncork?.();
    }
  }

  private emitBurst(): void {
    const mode = this.mode;
    if (mode.kind === 'rate') {
      const now = performance.now();
      // At most a second of backlog: a blocked event loop must not turn into a flood.
      this.credit = Math.min(this.credit + ((now - this.last) * mode.rate) / 1000, Math.max(1, mode.rate));
      this.last = now;
      let n = Math.min(Math.floor(this.credit), BURST);
      this.credit -= n;
      while (n-- > 0) if (this.emitOne() === undefined) return;
      this.arm(this.credit >= 1 ? 0 : Math.max(1, ((1 - this.credit) * 1000) / mode.rate));
    } else if (mode.kind === 'max') {
      if (!this.sink.receiving()) {
        this.waitingForReaders = true;
        return;
      }
      for (let i = 0; i < BURST; i++) {
        if (i % CHECK_EVERY === 0 && this.sink.blocked()) {
          this.arm(1);
          return;
        }
        if (this.emitOne() === undefined) return;
      }
      this.arm(0);
    } else {
      const elapsed = (performance.now() - this.base) * mode.speed;
      for (let i = 0; i < BURST; i++) {
        const time = this.source.peekTime();
        if (time === undefined) {
          this.emitOne();
          return;
        }
        if (time > elapsed) {
          this.arm((time - elapsed) / mode.speed);
          return;
        }
        if (this.emitOne() === undefined) return;
      }
      this.arm(0);
    }
  }
}
