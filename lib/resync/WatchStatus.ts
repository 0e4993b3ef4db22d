import type { AuthError } from '../errors/AuthError.js';
import type { RestError } from '../errors/RestError.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import type { StreamStatus } from '../stream/StreamStatus.js';

/** Counts kept over the life of one connection of a watch. */
export interface ResyncCounters {
  /** Listings that completed (one per connect and reconnect, once REST answers). */
  readonly lists: number;
  /** Page requests of the listings that failed (each retry that fails counts), every kind together. */
  readonly listFailures: number;
  /** The same, per kind: only the kinds that failed at least once have an entry. */
  readonly listFailuresByKind: Readonly<Partial<Record<ResourceType, number>>>;
  /** Synthetic events emitted by resyncs (not counting the replay to late subscribers). */
  readonly synthetic: number;
  /** Events dropped because the cache held a newer state of their resource. */
  readonly stale: number;
  /** Events dropped because the cache held that very event (same `uuid`). */
  readonly duplicates: number;
  /** Events not emitted because a listing had already shown their state. */
  readonly reflected: number;
  /** Times the buffer overflowed `bufferLimit` and kept only the latest event per resource. */
  readonly compacted: number;
}

/**
 * What the resync of a watch is doing, reported to `options.status` along with the stream's
 * own {@link StreamStatus}es. Each carries the counters as they are then.
 */
export type ResyncStatus =
  /**
   * A listing starts: after the stream opened (`reconnected` after a reconnect), or after a
   * failed listing. `attempt` is 0 for the first try.
   */
  | { readonly kind: 'listing'; readonly attempt: number; readonly reconnected: boolean; readonly counters: ResyncCounters }
  /** A page of the listing of `resourceKind` failed; it is tried again in `delay` ms. */
  | {
      readonly kind: 'list-failed';
      readonly resourceKind: ResourceType;
      readonly attempt: number;
      readonly delay: number;
      readonly error: RestError;
      readonly counters: ResyncCounters;
    }
  /**
   * The cache was reconciled with a listing: `resources` in it, after `changes` changes
   * (synthetic and buffered), of which `buffered` events arrived while the listing was in
   * flight. From now on events are applied as they come.
   */
  | {
      readonly kind: 'synced';
      readonly resources: number;
      readonly changes: number;
      readonly buffered: number;
      readonly counters: ResyncCounters;
    }
  /** An event was dropped: older than the cache's state of its resource, or already applied. */
  | {
      readonly kind: 'dropped';
      readonly reason: 'stale' | 'duplicate';
      readonly event: ResourceEvent;
      readonly counters: ResyncCounters;
    }
  /** The watch ended with a failure of its own (the stream reports its failures itself). */
  | { readonly kind: 'failed'; readonly error: AuthError | RestError; readonly counters: ResyncCounters };

/** Every status a watch reports: its stream's, and its resync's. */
export type WatchStatus = StreamStatus | ResyncStatus;

/** The `kind` of every {@link WatchStatus}. */
export type WatchStatusKind = WatchStatus['kind'];
