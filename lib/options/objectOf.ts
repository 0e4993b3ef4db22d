import type { OptionCheck, OptionShape } from './OptionCheck.js';
import { describeValue } from './describeValue.js';
import { suggestKey } from './suggestKey.js';

/**
 * An object holding only the keys of `shape`, each checked by its check when present: an
 * unknown key is an error that names the likely one (`URL`: did you mean `url`?).
 *
 * @internal
 * @example
 * ```ts
 * const retry = objectOf({ baseDelay: number(1), maxDelay: number(1) });
 * // { maxDelai: 5 }: retry.maxDelai: not an option (did you mean retry.maxDelay?)
 * ```
 */
export function objectOf(shape: OptionShape): OptionCheck {
  return (value, path, fail) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path || 'options', `expected an object, got ${describeValue(value)}`);
    const prefix = path === '' ? '' : `${path}.`;
    const known = Object.keys(shape);
    for (const [key, field] of Object.entries(value)) {
      const check = known.includes(key) ? shape[key] : undefined;
      if (check === undefined) {
        const guess = suggestKey(key, known);
        fail(prefix + key, `not an option${guess === undefined ? '' : ` (did you mean ${prefix + guess}?)`}`);
      }
      // An option left undefined takes its default, as if absent.
      if (field !== undefined) check(field, prefix + key, fail);
    }
  };
}
