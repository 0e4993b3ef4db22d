import type { CloudEvent } from '../model/CloudEvent.js';
import { terminalSafe } from './terminalSafe.js';

/**
 * One event as one line of JSON (no newline inside, none at the end): the decoded event, for
 * other tools (`jq`, log shippers). Each line parses back with `decodeEvent` to an equal event.
 * It is also {@link terminalSafe}: besides the C0 controls that `JSON.stringify` escapes, DEL,
 * the C1 controls, the bidi controls and U+2028/U+2029 are written as `\uXXXX` escapes, which
 * parse back to the same characters.
 *
 * It throws what `JSON.stringify` throws: a `RangeError` for an event nested too deep to
 * stringify (`formatEvents` reports it and goes on).
 *
 * @example
 * ```ts
 * formatJsonLine({ type: 'auth' }); // '{"type":"auth"}'
 * ```
 * @see {@link formatEventLine}
 */
export function formatJsonLine(event: CloudEvent): string {
  // JSON.stringify escapes the C0 controls of strings, so a line never breaks; the rest of
  // what a terminal acts on (C1, bidi, DEL) it leaves raw, hence the second pass.
  return terminalSafe(JSON.stringify(event));
}
