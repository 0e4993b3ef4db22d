import * as t from 'io-ts';

/**
 * The io-ts `keyof` codec of the words of `list`, so that a codec of a word list is derived
 * from the list rather than spelt out again.
 *
 * @internal
 * @example
 * ```ts
 * const EventAction = keyofList(EVENT_ACTIONS, 'EventAction');
 * ```
 */
export function keyofList<W extends string>(list: readonly W[], name: string): t.KeyofC<{ readonly [K in W]: null }> {
  const keys: { [K in W]?: null } = {};
  for (const word of list) keys[word] = null;
  return t.keyof(keys as { readonly [K in W]: null }, name);
}
