import type { Palette } from '../Palette.js';
import { paintState } from '../paintState.js';
import { serviceTitle } from './formatDemoTransition.js';

/** The most states {@link formatServiceEnded} spells out; earlier ones become `…`. */
const MAX_STATES = 6;

/**
 * The line the demo prints when a service's group completes at its end of life: the states it
 * went through while watched.
 *
 * ```text
 *           service 4fece8bb ended after 5 transitions: … → Running → Terminating → Terminated
 * ```
 *
 * @param states - The states seen, oldest first.
 * @param label - The name of a resource, shown instead of its short id when known.
 *
 * @example
 * ```ts
 * formatServiceEnded(key, ['Running', 'Terminating', 'Terminated'], palette);
 * ```
 */
export function formatServiceEnded(
  service: string,
  states: readonly string[],
  palette: Palette,
  label?: (uri: string) => string | undefined,
): string {
  const shown = states.slice(-MAX_STATES).map((state) => paintState(state, palette));
  const path = (states.length > MAX_STATES ? ['…', ...shown] : shown).join(palette.dim(' → '));
  const name = serviceTitle(service, { palette, ...(label !== undefined ? { label } : {}) });
  const count = Math.max(0, states.length - 1);
  return `${' '.repeat(10)}${name} ${palette.dim(`ended after ${count} transition${count === 1 ? '' : 's'}:`)} ${path}`;
}
