function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j++) next.push(Math.min(row[j + 1]! + 1, next[j]! + 1, row[j]! + (a[i] === b[j] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The known key an unknown one most likely meant: the same word in another case (`URL` for
 * `url`), or one a typo or two away (`maxAttempt` for `maxAttempts`); `undefined` when none is
 * close enough to be a good guess.
 *
 * @internal
 * @example
 * ```ts
 * suggestKey('maxAttempt', ['baseDelay', 'maxDelay', 'maxAttempts']); // 'maxAttempts'
 * ```
 */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    // A short key is one typo from many words: the distance must stay small beside the length.
    if (d < bestDistance && d * 3 < candidate.length) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
