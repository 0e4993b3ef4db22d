import pc from 'picocolors';

/**
 * The colour functions of one output stream: picocolors' formatters, which return their input
 * unchanged when colours are off.
 *
 * @example
 * ```ts
 * const palette: Palette = createPalette(false);
 * palette.green('Running'); // 'Running'
 * ```
 */
export type Palette = ReturnType<typeof pc.createColors>;

/**
 * The picocolors formatters, with colours on or off.
 *
 * @example
 * ```ts
 * createPalette(true).red('Failed'); // '\x1b[31mFailed\x1b[39m'
 * ```
 * @see {@link colorEnabled}
 */
export function createPalette(enabled: boolean): Palette {
  return pc.createColors(enabled);
}
