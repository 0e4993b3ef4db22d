import type { Observable } from 'rxjs';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { EmulatorConnection } from './EmulatorConnection.js';
import type { EmulatorConnectionChange } from './EmulatorConnectionChange.js';
import type { EmulatorCredentials } from './EmulatorCredentials.js';
import type { EmulatorRate } from './EmulatorOptions.js';
import type { EmulatorStats } from './EmulatorStats.js';
import type { EmulatorWorld } from './EmulatorWorld.js';
import type { FaultControls } from './FaultControls.js';
import type { RecordingControls } from './RecordingControls.js';

/**
 * A running emulator of the Docker Cloud stream and REST API, from `startEmulator`.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ paused: true });
 * const ws = new WebSocket(`${emulator.url}/api/audit/v1/events/`, { headers: { Authorization: emulator.credentials.authorization } });
 * ws.on('open', () => emulator.step(5)); // five events, now
 * // …
 * await emulator.stop();
 * ```
 */
export interface Emulator {
  /** The stream host, `ws://127.0.0.1:<port>` (append `/api/audit/v1/events/`, or let a client do it). */
  readonly url: string;
  /** The REST host, `http://127.0.0.1:<port>`. */
  readonly restUrl: string;
  /**
   * The live dashboard, `http://127.0.0.1:<port>/dashboard/`, when started with `dashboard`;
   * otherwise `undefined`. It holds no credential: the page gets them from the emulator.
   */
  readonly dashboardUrl: string | undefined;
  /** The port it listens on. */
  readonly port: number;
  /** The credentials it accepts now (they change with `faults.rotateCredentials()`). */
  readonly credentials: EmulatorCredentials;
  /** The world after the events sent so far. */
  readonly world: EmulatorWorld;
  /** Fault injection: next connections, handshakes, credentials, all connections. */
  readonly faults: FaultControls;
  /** Recording the stream to a file or to memory. */
  readonly recording: RecordingControls;
  /** The stream connections open now (a snapshot). */
  readonly connections: readonly EmulatorConnection[];
  /**
   * The stream connections as they open, authenticate and close, with a snapshot of each at
   * that moment: no need to poll `connections`. Hot: a subscriber gets the changes from its
   * subscription on, each synchronously as it happens (an `opened` connection is already in
   * `connections`). Completes once `stop()` has closed every connection, after their `closed`.
   *
   * ```ts
   * emulator.connectionChanges.subscribe(({ kind, connection }) => console.error(kind, connection.id, connection.path));
   * ```
   */
  readonly connectionChanges: Observable<EmulatorConnectionChange>;
  /** Whether emission is paused (`step()` still works). */
  readonly paused: boolean;
  /**
   * Emits the next `count` (default 1) events now, synchronously: they are handed to the
   * connections' sockets before `step` returns. Returns them (fewer at the end of a replay).
   * Works paused or not.
   */
  step(count?: number): readonly ResourceEvent[];
  /** Stops emitting on its own (connections stay open). */
  pause(): void;
  /** Emits at the configured rate again. */
  resume(): void;
  /** Changes the rate: events per second, or `'max'`/`Infinity`. Ignored by a replay. */
  setRate(rate: EmulatorRate): void;
  /** Counters since the start. */
  stats(): EmulatorStats;
  /**
   * Stops: no more events or handshakes; every connection is closed with 1001 (terminated if
   * it does not answer within a second); timers stop; a recording is flushed. Resolves once
   * the port is free. Calling it again returns the same promise.
   */
  stop(): Promise<void>;
}
