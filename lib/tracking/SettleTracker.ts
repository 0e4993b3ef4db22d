// The bookkeeping of `settled`: the latest event per live resource, and which of them are not
// settled. Internal: not exported from the barrel.

import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { resourceKey } from '../uri/resourceKey.js';
import { PersistentMap } from './PersistentMap.js';

/**
 * The latest event of every live resource, as an immutable view, and the keys of those whose
 * latest event is not settled. A resource is forgotten at its end of life, so {@link size}
 * counts live resources only.
 */
export class SettleTracker<R extends ResourceEvent> {
  private latest: PersistentMap<R> = PersistentMap.empty<R>();
  // Keys (normalized URIs) of the tracked resources whose latest event is not settled.
  private readonly unsettled = new Set<string>();

  constructor(private readonly isSettled: (event: R) => boolean) {}

  /** How many resources are tracked. */
  get size(): number {
    return this.latest.size;
  }

  /** How many tracked resources are not settled. */
  get unsettledCount(): number {
    return this.unsettled.size;
  }

  /** Whether every tracked resource is settled (true when none is tracked). */
  get allSettled(): boolean {
    return this.unsettled.size === 0;
  }

  /** The latest event of every tracked resource. */
  get view(): PersistentMap<R> {
    return this.latest;
  }

  /**
   * Records `event`. The `isSettled` callback is not asked about end-of-life events, and when
   * it throws nothing has changed: the error propagates to the caller.
   */
  track(event: R): void {
    const key = resourceKey(event.resource_uri);
    if (isEndOfLife(event)) {
      this.latest = this.latest.delete(key);
      this.unsettled.delete(key);
      return;
    }
    const settled = this.isSettled(event);
    this.latest = this.latest.set(key, event);
    if (settled) this.unsettled.delete(key);
    else this.unsettled.add(key);
  }
}
