/**
 * Counters of the emulator since it started, for tests and benchmarks.
 *
 * @example
 * ```ts
 * const { handshakesRefused } = emulator.stats();
 * expect(handshakesRefused[503]).toBe(3);
 * ```
 */
export interface EmulatorStats {
  /** Events emitted (sent to every connection whose filter matched). */
  readonly eventsEmitted: number;
  /** Stream connections accepted. */
  readonly connectionsAccepted: number;
  /** Stream connections open now. */
  readonly connectionsOpen: number;
  /** TCP connections closed on arrival because `maxConnections` were open. */
  readonly connectionsDropped: number;
  /** Stream handshakes refused, by HTTP status (401, 403, 404, 400, 429, 503…). */
  readonly handshakesRefused: Readonly<Record<number, number>>;
  /** REST requests answered, whatever their status. */
  readonly restRequests: number;
  /** Whether a replay has sent its last event (always `false` for a simulation). */
  readonly replayFinished: boolean;
}
