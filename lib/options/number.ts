import { is } from './is.js';
import type { OptionCheck } from './OptionCheck.js';

/**
 * The longest delay a timer can hold, in ms (2^31 − 1): a longer one fires at once.
 *
 * @internal
 * @example
 * ```ts
 * number(0, MAX_TIMER); // a delay
 * ```
 */
export const MAX_TIMER = 2 ** 31 - 1;

/**
 * A number from `min` to `max` (a whole one when `whole`): `NaN`, `Infinity` and strings fail.
 *
 * @internal
 * @example
 * ```ts
 * const pageSize = number(1, 1000, true); // expected a whole number from 1 to 1000, got the string "100"
 * ```
 */
export function number(min: number, max = MAX_TIMER, whole?: boolean): OptionCheck {
  return is(`a ${whole ? 'whole ' : ''}number from ${min} to ${max}`, (v) => typeof v === 'number' && v >= min && v <= max && (!whole || Number.isInteger(v)));
}
