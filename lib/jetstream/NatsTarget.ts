import type { NatsConnection } from '@nats-io/transport-node';
import type { RetryOptions } from '../stream/StreamOptions.js';

/**
 * Where a relay or a consumer reaches NATS: `servers` to connect (and close when done), or an
 * open `connection` that stays the caller's (never closed here). Exactly one of the two.
 *
 * @example
 * ```ts
 * const target: NatsTarget = { servers: ['nats://127.0.0.1:4222'] };
 * ```
 */
export interface NatsTarget {
  /**
   * The NATS server URLs (`nats://host:4222`; `nats://user:password@host` for credentials,
   * which are never reported: every URL in a status is redacted). A connection made from them
   * reconnects by itself, for ever; a subscription that cannot connect at all retries with
   * the library's backoff.
   */
  readonly servers?: string | readonly string[];
  /** An open connection to use instead (`connect` of `@nats-io/transport-node`). */
  readonly connection?: NatsConnection;
  /** The JetStream stream. Default `DOCKERCLOUD`. */
  readonly stream?: string;
  /** The first token(s) of every subject. Default `dockercloud`. */
  readonly subjectPrefix?: string;
  /**
   * The backoff after a NATS failure (as the stream's: full jitter, `baseDelay` 1000 ms,
   * `maxDelay` 30000 ms, `maxAttempts` `Infinity`); `resetAfter` and `minInterval` do not apply.
   */
  readonly retry?: Pick<RetryOptions, 'baseDelay' | 'maxDelay' | 'maxAttempts'>;
  /** The source of randomness of the backoff jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}
