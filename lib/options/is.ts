import { describeValue } from './describeValue.js';
import type { OptionCheck } from './OptionCheck.js';

/**
 * The check of a single value: `test` says whether it is right; when it is not, the error
 * says what was `expected` and what was given (only its type when `secret`).
 *
 * @internal
 * @example
 * ```ts
 * const dialect = is('"dockercloud" or "tutum"', (v) => v === 'dockercloud' || v === 'tutum');
 * // fails with: expected "dockercloud" or "tutum", got the string "docker"
 * ```
 */
export function is(expected: string, test: (value: unknown) => boolean, secret?: boolean): OptionCheck {
  return (value, path, fail) => {
    if (!test(value)) fail(path, `expected ${expected}, got ${describeValue(value, secret)}`);
  };
}
