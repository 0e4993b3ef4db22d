import type { CloudEvent } from '../model/CloudEvent.js';

/**
 * One event as one line of JSON (no newline inside, none at the end): the decoded event, for
 * other tools (`jq`, log shippers). Each line parses back with `decodeEvent` to an equal event.
 *
 * @example
 * ```ts
 * formatJsonLine({ type: 'auth' }); // '{"type":"auth"}'
 * ```
 * @see {@link formatEventLine}
 */
export function formatJsonLine(event: CloudEvent): string {
  // JSON.stringify escapes the control characters of strings, so a line never breaks.
  return JSON.stringify(event);
}
