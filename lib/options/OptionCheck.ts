/**
 * Throws the caller's typed error for the option at `option` (a dotted path): each entry
 * point passes its own (`StreamOptionsError`, the emulator's `EmulatorError`).
 *
 * @internal
 * @example
 * ```ts
 * const fail: Fail = (option, message) => { throw new StreamOptionsError(option, message); };
 * ```
 */
export type Fail = (option: string, message: string) => never;

/**
 * Checks the value of one option, at `path`, and calls `fail` when it is wrong. It is only
 * called for a value that is present: an absent option takes its default later.
 *
 * @internal
 * @example
 * ```ts
 * const flag: OptionCheck = is('true or false', (v) => typeof v === 'boolean');
 * ```
 */
export type OptionCheck = (value: unknown, path: string, fail: Fail) => void;

/**
 * The options an object may hold, each with its check: any other key is an error.
 *
 * @internal
 * @example
 * ```ts
 * const shape: OptionShape = { strict: is('true or false', (v) => typeof v === 'boolean') };
 * ```
 */
export type OptionShape = Readonly<Record<string, OptionCheck>>;
