/**
 * Throws the caller's typed error for the option at `option` (a dotted path): each entry
 * point passes its own (`StreamOptionsError`, the emulator's `EmulatorError`).
 *
 * @internal
 * @example
 * ```ts
 * const fail: Fail = (option, message) => { throw new StreamOptionsError(`Invalid option ${option}: ${message}`, { option }); };
 * ```
 */
export type Fail = (option: string, message: string) => never;

/**
 * A check written by hand, for what a spec cannot say (a union, a rule between two options):
 * it calls `fail` when the value at `path` is wrong.
 *
 * @internal
 * @example
 * ```ts
 * const even: OptionCheck = (v, path, fail) => { if (v !== 2) fail(path, 'expected 2'); };
 * ```
 */
export type OptionCheck = (value: unknown, path: string, fail: Fail) => void;

/**
 * What an option may hold, declared as data so that the schema costs few bytes:
 * - `'string'`, `'boolean'`, `'function'`, `'object'`: a value of that `typeof`
 *   (`'function or object'`: of either);
 * - a number `min`: a number from `min` to 2^31 − 1 (what a timer can hold);
 * - a `RegExp`: a string it matches;
 * - an array: one of its values;
 * - an {@link OptionShape}: an object with only those keys;
 * - an {@link OptionCheck}: a check written by hand.
 *
 * @internal
 * @example
 * ```ts
 * const retry: OptionSpec = { baseDelay: 1, maxDelay: 1, resetAfter: 0 };
 * ```
 */
export type OptionSpec =
  'string' | 'boolean' | 'function' | 'object' | 'function or object' | number | RegExp | readonly unknown[] | OptionCheck | OptionShape;

/**
 * The options an object may hold, each with its spec: any other key is an error.
 *
 * @internal
 * @example
 * ```ts
 * const shape: OptionShape = { strict: 'boolean', dialect: ['dockercloud', 'tutum'] };
 * ```
 */
export interface OptionShape {
  readonly [key: string]: OptionSpec;
}
