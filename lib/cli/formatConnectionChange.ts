import type { EmulatorConnectionChange } from '../emulator/EmulatorConnectionChange.js';
import type { Palette } from './Palette.js';
import { terminalSafe } from './terminalSafe.js';

/**
 * An {@link EmulatorConnectionChange} as a line for the connection log on stderr:
 * `+ connection 1 from 127.0.0.1: /api/audit/v1/emulator/events/ type=container` when it
 * opens, `- connection 1 closed (42 events sent)` when it closes. `authenticated` gets no
 * line (`undefined`): the emulator authenticates in the handshake, in the instant it opens,
 * so the line would only repeat `opened`. What the client sent is made {@link terminalSafe}.
 *
 * @example
 * ```ts
 * emulator.connectionChanges.subscribe((change) => {
 *   const line = formatConnectionChange(change, palette);
 *   if (line !== undefined) console.error(line);
 * });
 * ```
 */
export function formatConnectionChange(change: EmulatorConnectionChange, palette: Palette): string | undefined {
  const c = change.connection;
  if (change.kind === 'authenticated') return undefined;
  if (change.kind === 'closed')
    return palette.dim(`- connection ${c.id} closed (${c.eventsSent} ${c.eventsSent === 1 ? 'event' : 'events'} sent)`);
  const filter = Object.entries(c.filter)
    .map(([name, values]) => `${name}=${(values as readonly string[]).join(',')}`)
    .join(' ');
  // The path and the filter are what a client asked for: made safe before they are painted.
  return palette.cyan(terminalSafe(`+ connection ${c.id} from ${c.remoteAddress}: ${c.path}${filter === '' ? '' : ` ${filter}`}`));
}
