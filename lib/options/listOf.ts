import { checkOption } from './checkOption.js';
import type { OptionCheck, OptionSpec } from './OptionCheck.js';

/**
 * One value or a non-empty array of values, each matching `item` (checked at `path[i]`).
 *
 * @internal
 * @example
 * ```ts
 * const types: OptionSpec = listOf(/^\w+$/); // 'service' or ['service', 'node']
 * ```
 */
export function listOf(item: OptionSpec): OptionCheck {
  return (value, path, fail) => {
    if (!Array.isArray(value)) return checkOption(item, value, path, fail);
    if (value.length === 0) fail(path, 'expected a value or a non-empty array of them');
    value.forEach((v, i) => checkOption(item, v, `${path}[${i}]`, fail));
  };
}
