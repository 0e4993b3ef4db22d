import type { OptionCheck } from './OptionCheck.js';
import { describeValue } from './describeValue.js';

/**
 * One value or a non-empty array of values, each passing `item` (checked at `path[i]`).
 *
 * @internal
 * @example
 * ```ts
 * const types = listOf(is('a type', (v) => typeof v === 'string'));
 * ```
 */
export function listOf(item: OptionCheck): OptionCheck {
  return (value, path, fail) => {
    if (!Array.isArray(value)) return item(value, path, fail);
    if (value.length === 0) fail(path, `expected a value or a non-empty array, got ${describeValue(value)}`);
    value.forEach((v, i) => item(v, `${path}[${i}]`, fail));
  };
}
