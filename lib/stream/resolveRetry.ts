import type { Fail } from '../options/OptionCheck.js';
import type { RetryOptions } from './StreamOptions.js';

/**
 * The backoff of `retry` (checked by the schema already) with its defaults: a cap given alone
 * below the default base lowers the base with it (`{ maxDelay: 200 }` backs off from 200 ms),
 * a base given alone above the default cap raises the cap with it; only a base above a cap,
 * both given, is an error. Shared by the stream and the listings of a watch.
 *
 * @internal
 * @example
 * ```ts
 * resolveRetry({ maxDelay: 200 }, fail); // { baseDelay: 200, maxDelay: 200, maxAttempts: Infinity }
 * ```
 */
export function resolveRetry(retry: RetryOptions | undefined, fail: Fail): { baseDelay: number; maxDelay: number; maxAttempts: number } {
  const baseDelay = retry?.baseDelay ?? Math.min(1000, retry?.maxDelay ?? 1000);
  const maxDelay = retry?.maxDelay ?? Math.max(30_000, baseDelay);
  if (maxDelay < baseDelay) fail('retry.maxDelay', `below retry.baseDelay (${baseDelay})`);
  return { baseDelay, maxDelay, maxAttempts: retry?.maxAttempts ?? Infinity };
}
