import type { StreamStatus } from '../stream/StreamStatus.js';
import type { Palette } from './Palette.js';
import { terminalSafe } from './terminalSafe.js';

/**
 * The countdown before the next connection attempt: `reconnecting in 2.3 s (attempt 3)`.
 *
 * @param remaining - Milliseconds left (negative counts as 0).
 * @param attempt - The number of the attempt to come, from 1.
 *
 * @example
 * ```ts
 * formatCountdown(2300, 3, createPalette(false)); // 'reconnecting in 2.3 s (attempt 3)'
 * ```
 * @see {@link formatStatus}
 */
export function formatCountdown(remaining: number, attempt: number, palette: Palette): string {
  return palette.yellow(`↻ ${countdown(remaining, attempt)}`);
}

function countdown(remaining: number, attempt: number): string {
  return `reconnecting in ${(Math.max(0, remaining) / 1000).toFixed(1)} s (attempt ${attempt})`;
}

/**
 * The line that tells a person what happened to the connection, for `reconnecting`: why it
 * was lost.
 *
 * @example
 * ```ts
 * formatConnectionLost('the server closed the connection (1006)', createPalette(false));
 * // '✗ connection lost: the server closed the connection (1006)'
 * ```
 * @see {@link formatStatus}
 */
export function formatConnectionLost(reason: string, palette: Palette): string {
  return palette.yellow(`✗ connection lost: ${terminalSafe(reason)}`);
}

/**
 * The line for a frame that was not shown: `! rejected a frame: <why>`, for the frames the
 * stream rejects and for the events the command line could not print.
 *
 * @example
 * ```ts
 * formatRejected('malformed JSON at 1:2', createPalette(false)); // '! rejected a frame: malformed JSON at 1:2'
 * ```
 * @see {@link formatStatus}
 */
export function formatRejected(why: string, palette: Palette): string {
  return palette.magenta(`! rejected a frame: ${terminalSafe(why)}`);
}

/**
 * One status of the stream as a line for stderr, or `undefined` for those not worth a line
 * (reconnection attempts after the first, whose countdown already said it; a `closed` with
 * an error, which the command reports as its failure). URLs in statuses are already redacted.
 * Every text a status carries is made {@link terminalSafe} before it is painted.
 *
 * | status | line |
 * |---|---|
 * | `connecting` (first) | `… connecting to ws://host/api/audit/v1/events/` |
 * | `open` | `● connected to …`, or `● reconnected: events sent while disconnected were missed (resync)` |
 * | `authenticated` | `● authenticated` |
 * | `rejected` | `! rejected a frame: …` |
 * | `reconnecting` | `✗ connection lost: …; reconnecting in 2.3 s (attempt 3)` |
 * | `closed` | `● closed` |
 *
 * @example
 * ```ts
 * formatStatus(status, createPalette(process.stderr.isTTY));
 * ```
 * @see {@link formatCountdown}
 */
export function formatStatus(status: StreamStatus, palette: Palette): string | undefined {
  // Error messages carry what the server sent (close reasons, excerpts of rejected frames), and
  // the URL what the user gave: all of it is made safe before it is painted.
  switch (status.kind) {
    case 'connecting':
      return status.attempt === 0 && status.counters.connections === 0
        ? palette.dim(`… connecting to ${terminalSafe(status.url)}`)
        : undefined;
    case 'open':
      return status.reconnected
        ? palette.green('● reconnected: events sent while disconnected were missed (resync)')
        : palette.green(`● connected to ${terminalSafe(status.url)}`);
    case 'authenticated':
      return palette.green('● authenticated');
    case 'rejected':
      return formatRejected(status.error.message, palette);
    case 'reconnecting':
      return palette.yellow(`✗ connection lost: ${terminalSafe(status.error.message)}; ${countdown(status.delay, status.attempt)}`);
    case 'closed':
      return status.error === undefined ? palette.dim('● closed') : undefined;
  }
}
