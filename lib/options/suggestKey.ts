/**
 * The known key an unknown one most likely meant: the same word in another case (`URL` for
 * `url`), or one that differs by a typo of one or two letters in a single place (`maxAttempt`
 * for `maxAttempts`, `namespce` for `namespace`); `undefined` when none is that close.
 *
 * @internal
 * @example
 * ```ts
 * suggestKey('maxAttempt', ['baseDelay', 'maxDelay', 'maxAttempts']); // 'maxAttempts'
 * ```
 */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const a = key.toLowerCase();
  return known.find((candidate) => {
    const b = candidate.toLowerCase();
    // Strip what both share at the start and at the end: what is left is the typo.
    let start = 0;
    while (start < a.length && a[start] === b[start]) start++;
    let end = 0;
    while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
    return a.length - start - end < 3 && b.length - start - end < 3 && (start + end) * 3 > b.length * 2;
  });
}
