import { is } from './is.js';
import type { OptionCheck } from './OptionCheck.js';

/**
 * One of the given values, compared with `===`.
 *
 * @internal
 * @example
 * ```ts
 * const where = oneOf('header', 'query'); // expected "header" or "query", got the string "body"
 * ```
 */
export function oneOf(...values: readonly unknown[]): OptionCheck {
  return is(values.map((v) => JSON.stringify(v)).join(' or '), (v) => values.includes(v));
}
