import type { Palette } from './Palette.js';
import { paintState } from './paintState.js';
import { terminalSafe } from './terminalSafe.js';

/** A piece of a line: its text as it shows, and the same text with colours. */
export interface Painted {
  /** The text without escape codes: its length is the width it takes. */
  readonly plain: string;
  /** The text with colours (equal to `plain` when colours are off). */
  readonly text: string;
}

/**
 * The state column of an event line: `Starting → Running` when the state changed,
 * `→ Running` the first time a resource is seen, `Running` when it stayed the same, and
 * nothing for an event without a state. The new state takes the colour of its tone; the old
 * one is dim. Both are made {@link terminalSafe} before they are painted.
 *
 * @param from - The resource's state before this event, `undefined` if it was not seen before.
 * @param to - The state the event carries, if any.
 *
 * @example
 * ```ts
 * formatTransition('Starting', 'Running', createPalette(false)).plain; // 'Starting → Running'
 * formatTransition(undefined, 'Running', createPalette(false)).plain;  // '→ Running'
 * ```
 * @see {@link formatEventLine}
 */
export function formatTransition(from: string | undefined, to: string | undefined, palette: Palette): Painted {
  if (to === undefined) return { plain: '', text: '' };
  // States come from the server: safe before they are painted (paintState does it for `to`).
  const safeTo = terminalSafe(to);
  if (from === undefined) return { plain: `→ ${safeTo}`, text: `${palette.dim('→')} ${paintState(to, palette)}` };
  if (from === to) return { plain: safeTo, text: paintState(to, palette) };
  const safeFrom = terminalSafe(from);
  return { plain: `${safeFrom} → ${safeTo}`, text: `${palette.dim(`${safeFrom} →`)} ${paintState(to, palette)}` };
}
