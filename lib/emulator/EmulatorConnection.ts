import type { ConnectionFault } from './ConnectionFault.js';
import type { ConnectionFilter } from './EventFilter.js';

/**
 * Where a connection is: `open` (receiving events), `stalled` (a stall fault holds it),
 * `closing` (a close or drop is under way), `closed`.
 *
 * @example
 * ```ts
 * const stalled = emulator.connections.filter((c) => c.state === 'stalled');
 * ```
 */
export type ConnectionState = 'open' | 'stalled' | 'closing' | 'closed';

/**
 * One stream connection, as the emulator sees it: what it asked for, what it was sent, and
 * the controls to break it. `emulator.connections` lists the live ones.
 *
 * @example
 * ```ts
 * const [connection] = emulator.connections;
 * connection?.inject({ kind: 'stall' });
 * console.log(connection?.eventsSent, connection?.filter);
 * ```
 */
export interface EmulatorConnection {
  /** A number unique within the emulator, in order of acceptance (from 1). */
  readonly id: number;
  /** The request path, without the query (which may hold credentials). */
  readonly path: string;
  /** Which protocol the path speaks. */
  readonly dialect: 'dockercloud' | 'tutum';
  /** The namespace of the path, if it named one. */
  readonly namespace: string | undefined;
  /** The client's address. */
  readonly remoteAddress: string;
  /** The server-side filter the query asked for. */
  readonly filter: ConnectionFilter;
  /** When it was accepted (epoch ms). */
  readonly openedAt: number;
  /** Where it is now. */
  readonly state: ConnectionState;
  /** Data frames sent: events, `auth`, error messages, bad frames. */
  readonly messagesSent: number;
  /** Events sent. */
  readonly eventsSent: number;
  /** Events that matched its filter but were not sent because it was stalled. */
  readonly eventsMissed: number;
  /** Applies a fault to this connection from now on. Throws an `EmulatorError` (`fault`) if invalid. */
  inject(fault: ConnectionFault): void;
  /** Closes it with a close frame. */
  close(code?: number, reason?: string): void;
  /** Destroys its TCP socket at once (the client sees 1006). */
  terminate(): void;
}
