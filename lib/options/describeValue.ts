/**
 * How an error names a value that was given: its type always (`'100'` is a string "100",
 * not 100), then the value itself for a string, number or boolean unless `secret`, so that a
 * key, or a URL holding one, never reaches a message.
 *
 * @internal
 * @example
 * ```ts
 * describeValue('100');        // 'a string "100"'
 * describeValue('k3y', true);  // 'a string'
 * describeValue([1]);          // 'an array'
 * describeValue(null);         // 'a null'
 * ```
 */
export function describeValue(value: unknown, secret?: boolean): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  // JSON quotes a string and escapes its control characters: a value cannot forge a line.
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}${secret || !/^(st|num|b)/.test(type) ? '' : ` ${type === 'string' ? JSON.stringify(value) : String(value)}`}`;
}
