import type { Palette } from './Palette.js';
import { stateTone } from '../display/stateTone.js';
import { terminalSafe } from './terminalSafe.js';

/**
 * A state in the colour of its {@link stateTone}: green, yellow, red, plain or dim, made
 * {@link terminalSafe} first.
 *
 * @example
 * ```ts
 * paintState('Failed', createPalette(true)); // '\x1b[31mFailed\x1b[39m'
 * ```
 * @see {@link formatTransition}
 */
export function paintState(state: string, palette: Palette): string {
  // A state comes from the server: made safe before it is painted, so that it cannot paint itself.
  const safe = terminalSafe(state);
  switch (stateTone(state)) {
    case 'good':
      return palette.green(safe);
    case 'changing':
      return palette.yellow(safe);
    case 'bad':
      return palette.red(safe);
    case 'neutral':
      return safe;
    case 'unknown':
      return palette.dim(safe);
  }
}
