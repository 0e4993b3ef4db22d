import type { Palette } from './Palette.js';
import { stateTone } from '../display/stateTone.js';

/**
 * A state in the colour of its {@link stateTone}: green, yellow, red, plain or dim.
 *
 * @example
 * ```ts
 * paintState('Failed', createPalette(true)); // '\x1b[31mFailed\x1b[39m'
 * ```
 * @see {@link formatTransition}
 */
export function paintState(state: string, palette: Palette): string {
  switch (stateTone(state)) {
    case 'good':
      return palette.green(state);
    case 'changing':
      return palette.yellow(state);
    case 'bad':
      return palette.red(state);
    case 'neutral':
      return state;
    case 'unknown':
      return palette.dim(state);
  }
}
