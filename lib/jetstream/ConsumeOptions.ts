import type { SchedulerLike } from 'rxjs';
import type { ResourceType } from '../model/ResourceType.js';
import type { WatchedEvent } from '../resync/WatchedEvent.js';
import type { NatsTarget } from './NatsTarget.js';

/**
 * Which events a consumer reads, as a subject filter the server applies: left out, a field
 * matches everything.
 *
 * @example
 * ```ts
 * const filter: ConsumeFilter = { type: 'service', namespace: 'acme' };
 * ```
 */
export interface ConsumeFilter {
  /** Only the events of this resource type. */
  readonly type?: ResourceType;
  /** Only the events of resources in this namespace; `null` for the URIs that name none. */
  readonly namespace?: string | null;
}

/**
 * The options of `consumeEvents`. Checked at the call: a wrong one throws a
 * `StreamOptionsError` naming it.
 *
 * @example
 * ```ts
 * const options: ConsumeOptions = { servers: 'nats://127.0.0.1:4222', durable: 'billing', filter: { type: 'service' } };
 * ```
 */
export interface ConsumeOptions extends NatsTarget {
  /**
   * The name of a durable JetStream consumer (letters, digits, `-`, `_`): a later
   * subscription with the same name resumes right after the last event the previous one
   * delivered. An existing consumer keeps the settings it was created with (`filter`,
   * `deliver`). Without it, each subscription reads through an ephemeral consumer of its own,
   * deleted when it ends.
   */
  readonly durable?: string;
  /** Which events to read (server-side). Default: all. */
  readonly filter?: ConsumeFilter;
  /** Where a new consumer starts: `'all'` (the stream's first event, the default) or `'new'` (events stored from now on). */
  readonly deliver?: 'all' | 'new';
  /**
   * Messages fetched at once, at most. Those fetched and not delivered when the subscriber
   * unsubscribes are handed back (`nak`), never acknowledged. Default 16.
   */
  readonly batch?: number;
  /** How long one fetch waits for messages, in ms; the longest an unsubscribed consumer takes to report `closed`. Default 1000. */
  readonly expires?: number;
  /** How long the server waits for an acknowledgement before it redelivers, in ms (for a consumer created here). Default 30000. */
  readonly ackWait?: number;
  /** Receives every {@link ConsumeStatus}. */
  readonly status?: (status: ConsumeStatus) => void;
  /** The scheduler of the backoff timers (tests pass a `TestScheduler`). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** Counts kept over the life of one subscription of `consumeEvents`. */
export interface ConsumeCounters {
  /** Events delivered to the subscriber. */
  readonly delivered: number;
  /** Messages that did not decode as resource events (terminated, never redelivered). */
  readonly rejected: number;
  /** Events dropped by the per-resource time rule: older than what was delivered of their resource. */
  readonly stale: number;
}

/**
 * What a consumer is doing, reported to `options.status`. No status holds a credential: URLs
 * and error texts are redacted.
 *
 * @example
 * ```ts
 * const status = (s: ConsumeStatus) => { if (s.kind === 'waiting-for-stream') console.error('no stream yet'); };
 * ```
 */
export type ConsumeStatus =
  /** Connecting to NATS (`attempt` 0 for the first time). */
  | { readonly kind: 'connecting'; readonly attempt: number; readonly servers: readonly string[]; readonly counters: ConsumeCounters }
  /** The stream does not exist (yet): it is looked for again in `delay` ms. */
  | {
      readonly kind: 'waiting-for-stream';
      readonly stream: string;
      readonly attempt: number;
      readonly delay: number;
      readonly counters: ConsumeCounters;
    }
  /** Reading from the stream through the consumer `consumer`. */
  | { readonly kind: 'consuming'; readonly stream: string; readonly consumer: string; readonly counters: ConsumeCounters }
  /** A message did not decode (`reason`); it is terminated and the consumer goes on. */
  | { readonly kind: 'rejected'; readonly seq: number; readonly reason: string; readonly counters: ConsumeCounters }
  /** An event older than what was delivered of its resource was dropped (and acknowledged). */
  | { readonly kind: 'dropped'; readonly reason: 'stale'; readonly event: WatchedEvent; readonly counters: ConsumeCounters }
  /** Something failed (`reason`, redacted); reading resumes after `delay` ms. */
  | {
      readonly kind: 'retrying';
      readonly attempt: number;
      readonly delay: number;
      readonly reason: string;
      readonly counters: ConsumeCounters;
    }
  /**
   * The subscription ended (unsubscribed, or failed with `error`), every acknowledgement is
   * flushed and a connection made here is closed: a durable resumed from now on starts right
   * after the last event delivered.
   */
  | { readonly kind: 'closed'; readonly error?: Error; readonly counters: ConsumeCounters };
