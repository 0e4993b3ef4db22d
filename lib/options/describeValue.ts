/**
 * How an error names a value that was given: its type always (`'100'` is "the string "100"",
 * not 100), the value itself only when it is short and `secret` is not set, so that a key or a
 * URL holding one never reaches a message.
 *
 * @internal
 * @example
 * ```ts
 * describeValue('100');        // 'the string "100"'
 * describeValue('k3y', true);  // 'a string'
 * describeValue([1]);          // 'an array'
 * ```
 */
export function describeValue(value: unknown, secret?: boolean): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (type === 'null') return type;
  // Objects and functions have no short, safe form; the type says enough.
  const shown = type === 'string' ? JSON.stringify(value) : type === 'number' || type === 'boolean' ? String(value) : '';
  return secret || shown === '' || shown.length > 40 ? `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}` : `the ${type} ${shown}`;
}
