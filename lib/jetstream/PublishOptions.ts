import type { SchedulerLike } from 'rxjs';
import type { WatchedEvent } from '../resync/WatchedEvent.js';
import type { NatsTarget } from './NatsTarget.js';

/**
 * The options of `publishEvents`. Checked at the call: a wrong one throws a
 * `StreamOptionsError` naming it.
 *
 * @example
 * ```ts
 * const options: PublishOptions = { servers: 'nats://127.0.0.1:4222', maxInFlight: 64 };
 * ```
 */
export interface PublishOptions extends NatsTarget {
  /**
   * The stream's duplicate window in ms, used when the stream is created here (an existing
   * stream keeps its own): how long a message id is remembered, so how far apart two relays
   * may publish the same event and still store it once. Default 120000 (2 minutes); see
   * docs/scale-out.md for sizing it against reconnect gaps.
   */
  readonly duplicateWindow?: number;
  /** Publishes awaiting JetStream's acknowledgement at most; the next events wait, in order. Default 256. */
  readonly maxInFlight?: number;
  /** How long a publish waits for its acknowledgement before it counts as failed, in ms. Default 5000. */
  readonly timeout?: number;
  /** Receives every {@link PublishStatus}. */
  readonly status?: (status: PublishStatus) => void;
  /** The scheduler of the backoff timers (tests pass a `TestScheduler`). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * What JetStream said of one published event.
 *
 * @example
 * ```ts
 * const receipt: PublishReceipt = { event, seq: 42, duplicate: false };
 * ```
 */
export interface PublishReceipt<E extends WatchedEvent = WatchedEvent> {
  /** The event, as it came in. */
  readonly event: E;
  /** Its sequence number in the stream: the one stored first, when `duplicate`. */
  readonly seq: number;
  /** The stream already held a message with its id (another relay's, or an earlier try's). */
  readonly duplicate: boolean;
}

/** Counts kept over the life of one subscription of `publishEvents`. */
export interface PublishCounters {
  /** Events stored (acknowledged and not duplicates). */
  readonly published: number;
  /** Events the stream already held. */
  readonly duplicates: number;
  /** Publishes, connections or stream checks that failed (each is retried). */
  readonly failures: number;
  /** Events received and not yet acknowledged (in flight or waiting). */
  readonly pending: number;
}

/**
 * What a relay is doing, reported to `options.status`. No status holds a credential: URLs
 * and error texts are redacted.
 *
 * @example
 * ```ts
 * const status = (s: PublishStatus) => { if (s.kind === 'retrying') console.error(s.reason); };
 * ```
 */
export type PublishStatus =
  /** Connecting to NATS (`attempt` 0 for the first time) and checking the stream. */
  | { readonly kind: 'connecting'; readonly attempt: number; readonly servers: readonly string[]; readonly counters: PublishCounters }
  /** Connected and the stream is there; `created` when it was created now. */
  | {
      readonly kind: 'connected';
      readonly stream: string;
      readonly created: boolean;
      readonly servers: readonly string[];
      readonly counters: PublishCounters;
    }
  /** Something failed (`reason`, redacted); publishing resumes, in order, after `delay` ms. */
  | {
      readonly kind: 'retrying';
      readonly attempt: number;
      readonly delay: number;
      readonly reason: string;
      readonly counters: PublishCounters;
    }
  /** The subscription ended: unsubscribed, completed, or failed with `error`. */
  | { readonly kind: 'closed'; readonly error?: Error; readonly counters: PublishCounters };
