import type { EmulatorConnection } from './EmulatorConnection.js';

/**
 * A stream connection as it was at one moment: the data of an {@link EmulatorConnection}
 * without its controls, frozen. To act on the connection, find it in `emulator.connections`
 * by its `id` while it is open.
 *
 * @example
 * ```ts
 * emulator.connectionChanges.subscribe(({ connection }) => console.log(connection.id, connection.state, connection.eventsSent));
 * ```
 */
export type EmulatorConnectionSnapshot = Readonly<Omit<EmulatorConnection, 'inject' | 'close' | 'terminate'>>;

/**
 * What happened to a stream connection of the emulator, as `emulator.connectionChanges`
 * reports it, with the connection as it was then:
 *
 * - `opened`: the handshake was accepted (the connection is in `emulator.connections`);
 * - `authenticated`: its credentials were accepted, right after `opened`. A connection
 *   accepted only to be refused in band (`inBandAuthErrors`) is never authenticated;
 * - `closed`: its socket closed, whoever closed it (`state: 'closed'`, the final counters).
 *
 * Each connection gets `opened` first and `closed` last, once each.
 *
 * @example
 * ```ts
 * const change: EmulatorConnectionChange = { kind: 'closed', connection: snapshot };
 * ```
 * @see {@link Emulator.connectionChanges}
 */
export interface EmulatorConnectionChange {
  /** What happened. */
  readonly kind: 'opened' | 'authenticated' | 'closed';
  /** The connection at that moment. */
  readonly connection: EmulatorConnectionSnapshot;
}

/**
 * The frozen snapshot of a connection. Internal.
 *
 * @internal
 */
export function snapshotConnection(connection: EmulatorConnection): EmulatorConnectionSnapshot {
  return Object.freeze({
    id: connection.id,
    path: connection.path,
    dialect: connection.dialect,
    namespace: connection.namespace,
    remoteAddress: connection.remoteAddress,
    filter: connection.filter,
    openedAt: connection.openedAt,
    state: connection.state,
    messagesSent: connection.messagesSent,
    eventsSent: connection.eventsSent,
    eventsMissed: connection.eventsMissed,
  });
}
