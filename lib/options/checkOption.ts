import { describeValue } from './describeValue.js';
import type { Fail, OptionShape, OptionSpec } from './OptionCheck.js';
import { suggestKey } from './suggestKey.js';

/**
 * The longest delay a timer can hold, in ms (2^31 − 1): a longer one fires at once.
 *
 * @internal
 * @example
 * ```ts
 * checkOption(0, MAX_TIMER + 1, 'idleTimeout', fail); // expected a number from 0 to 2147483647
 * ```
 */
export const MAX_TIMER = 2 ** 31 - 1;

/**
 * Checks `value` against `spec` (see {@link OptionSpec}), calling `fail` with the dotted path
 * of the first wrong option: an unknown key (with the key it most likely meant), a wrong type
 * (named: `'100'` is "the string "100"", not a number), a value out of bounds. Options left
 * `undefined` are skipped: they take their defaults later. Under `secret`, values are never
 * shown, only their types.
 *
 * @internal
 * @example
 * ```ts
 * checkOption({ retry: { maxDelay: 1 } }, { retry: { maxDelai: 5 } }, '', fail);
 * // fail('retry.maxDelai', 'not an option (did you mean retry.maxDelay?)')
 * ```
 */
export function checkOption(spec: OptionSpec, value: unknown, path: string, fail: Fail, secret?: boolean): void {
  if (typeof spec === 'function') return spec(value, path, fail);
  const type = typeof value;
  if (typeof spec !== 'object' || Array.isArray(spec) || spec instanceof RegExp) {
    const [expected, ok] =
      typeof spec === 'number'
        ? [`a number from ${spec} to ${MAX_TIMER}`, type === 'number' && (value as number) >= spec && (value as number) <= MAX_TIMER]
        : typeof spec === 'string'
          ? [`a ${spec}`, spec.includes(type)]
          : Array.isArray(spec)
            ? [spec.map((v) => JSON.stringify(v)).join(' or '), spec.includes(value)]
            : [`a string matching ${spec}`, type === 'string' && spec.test(value as string)];
    if (!ok) fail(path, `expected ${expected}, got ${describeValue(value, secret)}`);
    return;
  }
  if (type !== 'object' || value === null || Array.isArray(value))
    return fail(path || 'options', `expected an object, got ${describeValue(value, secret)}`);
  const prefix = path && `${path}.`;
  const known = Object.keys(spec);
  for (const [key, field] of Object.entries(value as object)) {
    if (!known.includes(key)) {
      const guess = suggestKey(key, known);
      fail(prefix + key, `not an option${guess ? ` (did you mean ${prefix + guess}?)` : ''}`);
    }
    if (field !== undefined) checkOption((spec as OptionShape)[key]!, field, prefix + key, fail, secret);
  }
}
