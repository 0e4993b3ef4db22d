import type { Palette } from './Palette.js';
import { paintState } from './paintState.js';

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
 * one is dim.
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
  if (from === undefined) return { plain: `→ ${to}`, text: `${palette.dim('→')} ${paintState(to, palette)}` };
  if (from === to) return { plain: to, text: paintState(to, palette) };
  return { plain: `${from} → ${to}`, text: `${palette.dim(`${from} →`)} ${paintState(to, palette)}` };
}
