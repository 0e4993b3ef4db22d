/**
 * The full-jitter backoff delay before attempt `attempt` (0 for the first retry):
 * `random() · min(maxDelay, baseDelay · 2^attempt)`. Spreading reconnects over the whole
 * interval does the least total work when many clients lose the server at once. A draw
 * outside [0, 1) (`NaN`, `Infinity`, a negative number, 1 or more) counts as the full
 * `ceiling`: a broken `random` must never mean "retry at once".
 *
 * @example
 * ```ts
 * backoffDelay(3, 1000, 30000, Math.random); // somewhere in [0, 8000)
 * ```
 */
export function backoffDelay(attempt: number, baseDelay: number, maxDelay: number, random: () => number): number {
  // 2^attempt overflows to Infinity long after the cap is reached, and min() absorbs it.
  const ceiling = Math.min(maxDelay, baseDelay * Math.pow(2, attempt));
  const draw = random();
  return Math.floor((draw >= 0 && draw < 1 ? draw : 1) * ceiling);
}
