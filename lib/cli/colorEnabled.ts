import type { Environment } from '../node/readEnvironment.js';

/** What decides whether one output stream gets colours. */
export interface ColorContext {
  /** Whether the stream is a terminal. */
  readonly isTTY: boolean;
  /** The process environment (`NO_COLOR`, `FORCE_COLOR`, `TERM`, `CI`). */
  readonly env: Environment;
  /** `process.platform`. */
  readonly platform: string;
  /** `--color` (true) or `--no-color` (false), when given: it wins over everything else. */
  readonly flag?: boolean;
}

/**
 * Whether to colour one output stream: picocolors' own rules, applied to that stream rather
 * than to stdout only. `--color`/`--no-color` win; then a non-empty `NO_COLOR` turns colours
 * off; then a non-empty `FORCE_COLOR`, Windows, a terminal (unless `TERM=dumb`) or `CI` turn
 * them on.
 *
 * @example
 * ```ts
 * colorEnabled({ isTTY: true, env: { NO_COLOR: '1' }, platform: 'linux' }); // false
 * colorEnabled({ isTTY: false, env: {}, platform: 'linux' });                // false
 * ```
 * @see {@link createPalette}
 */
export function colorEnabled(context: ColorContext): boolean {
  if (context.flag !== undefined) return context.flag;
  const env = context.env;
  if (nonEmpty(env['NO_COLOR'])) return false;
  return nonEmpty(env['FORCE_COLOR']) || context.platform === 'win32' || (context.isTTY && env['TERM'] !== 'dumb') || nonEmpty(env['CI']);
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}
