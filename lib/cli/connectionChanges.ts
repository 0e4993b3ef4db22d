import { Observable } from 'rxjs';
import type { EmulatorConnection } from '../emulator/EmulatorConnection.js';
import type { Palette } from './Palette.js';
import { terminalSafe } from './terminalSafe.js';

/** A stream connection of the emulator that opened or closed. */
export interface ConnectionChange {
  /** What happened to it. */
  readonly kind: 'opened' | 'closed';
  /** The connection, as last seen. */
  readonly connection: Pick<EmulatorConnection, 'id' | 'path' | 'remoteAddress' | 'filter'>;
}

interface ConnectionSnapshot {
  readonly id: number;
  readonly path: string;
  readonly remoteAddress: string;
  readonly filter: EmulatorConnection['filter'];
}

/**
 * The connections of an emulator that open and close, found by looking at
 * `emulator.connections` every `interval` ms (the emulator has no connection events). A
 * connection that opens and closes between two looks is not seen.
 *
 * @example
 * ```ts
 * connectionChanges(emulator, 500).subscribe((change) => console.error(formatConnectionChange(change, palette)));
 * ```
 */
export function connectionChanges(emulator: { readonly connections: readonly EmulatorConnection[] }, interval: number): Observable<ConnectionChange> {
  return new Observable<ConnectionChange>((subscriber) => {
    let known = new Map<number, ConnectionSnapshot>();
    const look = (): void => {
      const now = new Map<number, ConnectionSnapshot>();
      for (const c of emulator.connections) {
        const snapshot = { id: c.id, path: c.path, remoteAddress: c.remoteAddress, filter: c.filter };
        now.set(c.id, snapshot);
        if (!known.has(c.id)) subscriber.next({ kind: 'opened', connection: snapshot });
      }
      for (const [id, snapshot] of known) if (!now.has(id)) subscriber.next({ kind: 'closed', connection: snapshot });
      known = now;
    };
    const timer = setInterval(look, interval);
    timer.unref?.();
    return () => clearInterval(timer);
  });
}

/**
 * A {@link ConnectionChange} as a line for stderr:
 * `+ connection 1 from 127.0.0.1: /api/audit/v1/emulator/events/ type=container` or
 * `- connection 1 closed`. What the client sent is made {@link terminalSafe}.
 *
 * @example
 * ```ts
 * formatConnectionChange({ kind: 'closed', connection }, createPalette(false));
 * ```
 */
export function formatConnectionChange(change: ConnectionChange, palette: Palette): string {
  const c = change.connection;
  if (change.kind === 'closed') return palette.dim(`- connection ${c.id} closed`);
  const filter = Object.entries(c.filter)
    .map(([name, values]) => `${name}=${(values as readonly string[]).join(',')}`)
    .join(' ');
  // The path and the filter are what a client asked for: made safe before they are painted.
  return palette.cyan(terminalSafe(`+ connection ${c.id} from ${c.remoteAddress}: ${c.path}${filter === '' ? '' : ` ${filter}`}`));
}
