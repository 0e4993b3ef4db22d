import type { AuthError } from '../errors/AuthError.js';
import type { RestError } from '../errors/RestError.js';

/**
 * What {@link createDetailsCache} reports of its requests: a failed request retried after `delay`
 * ms (`attempt` counts the failures in a row for that resource), or a resource given up on
 * (credentials refused, a 4xx answer, `retry.maxAttempts` used up, `retry: false`). Messages
 * and URLs in them never hold a credential.
 *
 * @example
 * ```ts
 * const log = (status: DetailsStatus): void =>
 *   console.warn(status.kind, status.uri, status.error.kind, status.kind === 'retrying' ? status.delay : '');
 * ```
 * @see {@link DetailsOptions}
 */
export type DetailsStatus =
  | { readonly kind: 'retrying'; readonly uri: string; readonly attempt: number; readonly delay: number; readonly error: RestError }
  | { readonly kind: 'gave-up'; readonly uri: string; readonly error: RestError | AuthError };
