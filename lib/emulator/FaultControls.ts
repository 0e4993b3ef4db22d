import type { ConnectionFault } from './ConnectionFault.js';
import type { EmulatorCredentials } from './EmulatorCredentials.js';

/**
 * Refusing stream handshakes for a while, as an overloaded or restarting service did. Without
 * `count` and `duration`, handshakes are refused until `faults.clear()`.
 *
 * @example
 * ```ts
 * emulator.faults.refuseHandshakes({ status: 503, count: 3, retryAfter: 1 });
 * ```
 */
export interface HandshakeRefusal {
  /** The HTTP status of the refusal. Default 503. */
  readonly status?: number;
  /** Refuse this many handshakes, then accept again. */
  readonly count?: number;
  /** Refuse for this many ms, then accept again. */
  readonly duration?: number;
  /** A `Retry-After` header, in seconds. */
  readonly retryAfter?: number;
}

/**
 * Holding stream handshakes before answering them, as a slow proxy did: for connect-timeout
 * tests. Without `count` and `duration`, every handshake is held until `faults.clear()`.
 *
 * @example
 * ```ts
 * emulator.faults.delayHandshakes({ delay: Infinity, count: 1 }); // the next handshake never gets an answer
 * ```
 */
export interface HandshakeDelay {
  /** How long to hold each handshake, in ms; `Infinity` never answers (until `stop()`). */
  readonly delay: number;
  /** Hold this many handshakes. */
  readonly count?: number;
  /** Hold the handshakes that arrive during this many ms. */
  readonly duration?: number;
}

/**
 * What a revocation does to the connections already open:
 * - `in-band` (default): send `{"type":"error","data":{"errorMessage":"UNAUTHORIZED"}}`, then close with 1008;
 * - `close`: close with 1008 and no message;
 * - `keep`: leave them open (only new handshakes and REST requests are refused).
 *
 * @example
 * ```ts
 * emulator.faults.revokeCredentials('close');
 * ```
 */
export type RevocationMode = 'in-band' | 'close' | 'keep';

/**
 * How `dropAll` ends the connections: `terminate` (default) destroys every TCP socket at
 * once, as a crashed proxy would; `close` sends each a close frame with `code`.
 *
 * @example
 * ```ts
 * emulator.faults.dropAll({ mode: 'close', code: 1012 }); // "service restart"
 * ```
 */
export interface DropAllOptions {
  /** Default `'terminate'`. */
  readonly mode?: 'terminate' | 'close';
  /** The close code of mode `close`. Default 1001. */
  readonly code?: number;
}

/**
 * The fault injection of the emulator: faults of the next connections, of handshakes, of
 * credentials, and of every connection at once. Faults of one live connection are injected
 * with `connection.inject`.
 *
 * @example
 * ```ts
 * emulator.faults.next({ kind: 'drop', afterMessages: 3 }, { count: 2 });
 * emulator.faults.refuseHandshakes({ status: 503, duration: 2000 });
 * emulator.faults.revokeCredentials();
 * ```
 */
export interface FaultControls {
  /**
   * Applies `fault` (or several) to each of the next `count` (default 1) accepted
   * connections, from their first message on. Throws an `EmulatorError` (`fault`) if invalid.
   */
  next(fault: ConnectionFault | readonly ConnectionFault[], options?: { readonly count?: number }): void;
  /** Refuses stream handshakes with an HTTP status (REST is not affected). */
  refuseHandshakes(refusal?: HandshakeRefusal): void;
  /** Holds stream handshakes before answering them. */
  delayHandshakes(delay: HandshakeDelay): void;
  /**
   * Revokes the credentials: handshakes and REST requests get 401 (or the in-band error, with
   * `inBandAuthErrors`), and the open connections are closed as `mode` says.
   */
  revokeCredentials(mode?: RevocationMode): void;
  /** Accepts the current credentials again after a revocation. */
  restoreCredentials(): void;
  /**
   * Replaces the API key and the access key, as Docker Cloud rotated `TutumAccessKey` on every
   * redeploy: the old ones get 401 from now on; open connections stay. Returns the new
   * credentials (also `emulator.credentials`).
   */
  rotateCredentials(): EmulatorCredentials;
  /** Ends every open stream connection at once (a reconnect storm). Returns how many. */
  dropAll(options?: DropAllOptions): number;
  /** Forgets the pending faults of next connections, handshake refusals and delays. */
  clear(): void;
}
