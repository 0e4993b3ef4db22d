import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { PersistentMap } from '../tracking/PersistentMap.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import { shareParentUris } from '../uri/resourceKey.js';
import type { WatchedEvent } from './WatchedEvent.js';

/** How many URIs a cache remembers the key of before it starts over. */
const KEY_MEMO_SIZE = 4096;

/** Why {@link ResourceCache.apply} did not apply an event. */
export type DropReason = 'stale' | 'duplicate' | 'reflected';

/** Milliseconds since the epoch of an event's `datetime`, or `undefined` without a usable one. */
function timeOf(event: ResourceEvent): number | undefined {
  if (event.datetime === undefined) return undefined;
  const ms = Date.parse(event.datetime);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Whether a listed resource says what the cache holds of it: same type, state and parents (what
 * a listing can tell; the rest of an event is the stream's). Internal.
 *
 * @internal
 */
export function listedAsHeld(held: ResourceEvent, listed: ResourceEvent): boolean {
  return held === listed || (held.type === listed.type && held.state === listed.state && sameParents(held.parents, listed.parents));
}

function sameParents(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A synthetic event about `base`'s resource, with no `uuid` or `datetime` (a listing has neither). */
function synthetic<E extends ResourceEvent>(
  base: E,
  action: 'create' | 'update' | 'delete',
  listedAt: string | undefined,
  finalStateUnknown = false,
): WatchedEvent<E> {
  const event: {
    type: E['type'];
    action: 'create' | 'update' | 'delete';
    parents: readonly string[];
    resource_uri: string;
    state?: string;
    synthetic: true;
    finalStateUnknown?: true;
    listedAt?: string;
  } = { type: base.type, action, parents: [...base.parents], resource_uri: base.resource_uri, synthetic: true };
  if (base.state !== undefined) event.state = base.state;
  if (finalStateUnknown) event.finalStateUnknown = true;
  if (listedAt !== undefined) event.listedAt = listedAt;
  return event as unknown as WatchedEvent<E>;
}

/**
 * The reconciling core of a watch: the latest event of every live resource, as an immutable
 * {@link PersistentMap} keyed by normalized URI, and the rules that change it. Each method
 * appends the changes it makes to the `changes` array it is given, in order, so that the
 * caller can emit them as one batch. One per subscription; internal.
 *
 * The rules:
 * - Per resource, events apply in `datetime` order: an event older than the latest one applied
 *   to its resource is dropped (`stale`), and so is a `create` of a resource the cache holds
 *   (its creation came before anything the cache knows of it). The very event already applied
 *   (same `uuid`) is dropped (`duplicate`).
 * - An event that a listing already showed (same state and parents as the synthetic entry the
 *   listing left) is not emitted again (`reflected`); it still moves the resource's clock.
 * - An end-of-life event (`isEndOfLife`) removes its resource, and is emitted even when the
 *   cache did not hold it, as the stream would have shown it.
 * - A listing is reconciled against the events that arrived while it was in flight (the
 *   buffer): a resource that has such an event is taken from the events, which are at least as
 *   recent as the listing; any other resource is taken from the listing, by a synthetic
 *   `create` (not cached), `update` (cached in another state) or `delete` with
 *   `finalStateUnknown` (cached, not listed).
 *
 * @internal
 */
export class ResourceCache<E extends ResourceEvent> {
  private entries = PersistentMap.empty<WatchedEvent<E>>();
  // The datetime of the latest event applied per cached resource: what "older" is measured
  // against. Kept through synthetic updates, forgotten with the resource.
  private readonly clocks = new Map<string, number>();
  // A bounded memo of normalizeResourceUri (see `keyOfUri`).
  private readonly keys = new Map<string, string>();

  constructor(private readonly onDrop: (reason: DropReason, event: E) => void = () => undefined) {}

  /** The cache now: an immutable snapshot. */
  get view(): PersistentMap<WatchedEvent<E>> {
    return this.entries;
  }

  /** The key of an event's resource. */
  keyOf(event: ResourceEvent): string {
    return this.keyOfUri(event.resource_uri);
  }

  /**
   * The key of a resource URI, through a memo as large as the cache (twice its size, at least
   * 4,096 URIs; emptied when full): the stream's events and the listings name the same few
   * URIs again and again, and a resync names every cached resource. A key from the memo is the
   * string the cache holds, which makes every later lookup by it cheap.
   */
  keyOfUri(uri: string): string {
    let key = this.keys.get(uri);
    if (key === undefined) {
      key = normalizeResourceUri(uri);
      if (this.keys.size >= Math.max(KEY_MEMO_SIZE, 2 * this.entries.size)) this.keys.clear();
      this.keys.set(uri, key);
    }
    return key;
  }

  /** Whether `event` is older than what the cache holds of its resource. */
  isStale(event: E): boolean {
    const key = this.keyOf(event);
    const held = this.clocks.get(key);
    const at = timeOf(event);
    if (held !== undefined && at !== undefined && at < held) return true;
    return event.action === 'create' && this.entries.has(key);
  }

  /** Applies one event from the stream; appends the change, if any, to `changes`. */
  apply(event: E, changes: WatchedEvent<E>[]): void {
    const key = this.keyOf(event);
    const current = this.entries.get(key);
    if (this.isStale(event)) {
      this.onDrop('stale', event);
      return;
    }
    const at = timeOf(event);
    if (current !== undefined && event.uuid !== undefined && current.uuid === event.uuid) {
      this.onDrop('duplicate', event);
      return;
    }
    if (isEndOfLife(event)) {
      this.clocks.delete(key);
      if (current !== undefined) this.entries = this.entries.delete(key);
      // Emitted even when the cache did not hold the resource (a `delete` after `Terminated`,
      // an action whose start was missed): a consumer of the stream would have seen it.
      changes.push(event as WatchedEvent<E>);
      return;
    }
    if (at !== undefined) this.clocks.set(key, at);
    if (
      current !== undefined &&
      current.synthetic === true &&
      current.state === event.state &&
      sameParents(current.parents, event.parents)
    ) {
      this.onDrop('reflected', event);
      return;
    }
    shareParentUris(event.parents);
    this.entries = this.entries.set(key, event as WatchedEvent<E>);
    changes.push(event as WatchedEvent<E>);
  }

  /**
   * Reconciles the cache with a listing (`listed`: one event per listed resource, in listing
   * order) and the events that arrived since the stream opened (`buffered`, in arrival order).
   * Appends every change to `changes`: synthetic ones first, then the buffered events'. The
   * synthetic ones carry the `listedAt` that `listedAt` gives, when given: it is asked about a
   * listed resource for a `create` or an `update` (with its index in `listed`), and about the
   * cached entry for a `delete` (with no index).
   * `listedKeys`, when given, holds the key of each listed resource, index for index.
   */
  reconcile(
    listed: readonly E[],
    buffered: readonly E[],
    changes: WatchedEvent<E>[],
    listedAt: (resource: E, index: number | undefined) => string | undefined = () => undefined,
    listedKeys?: readonly string[],
  ): void {
    const events = inDatetimeOrder(buffered, (event) => this.keyOf(event));
    // Resources with a buffered event that will apply: those events are at least as recent
    // as the listing, which may or may not reflect them, so they, not the listing, decide.
    const touched = new Set<string>();
    for (const event of events) if (!this.isStale(event)) touched.add(this.keyOf(event));

    const before = this.entries;
    const seen = new Set<string>();
    // How many resources of the cache the listing showed or the buffer touched: when that is
    // all of them, none is missing and the cache need not be walked for deletions (the common
    // case of a resync, and a walk of a large cache costs more than the rest of the reconcile).
    let kept = 0;
    for (const key of touched) if (before.has(key)) kept++;
    for (let i = 0; i < listed.length; i++) {
      const resource = listed[i]!;
      if (isEndOfLife(resource)) continue;
      const key = listedKeys?.[i] ?? this.keyOf(resource);
      if (seen.has(key)) continue;
      seen.add(key);
      if (touched.has(key)) continue;
      const current = this.entries.get(key);
      let change: WatchedEvent<E> | undefined;
      if (current === undefined) change = synthetic(resource, 'create', listedAt(resource, i));
      else {
        kept++;
        if (!listedAsHeld(current, resource)) {
          change = synthetic(resource, 'update', listedAt(resource, i));
        }
      }
      if (change === undefined) continue;
      this.entries = this.entries.set(key, change);
      changes.push(change);
    }
    if (kept < before.size) {
      for (const [key, current] of before) {
        if (seen.has(key) || touched.has(key)) continue;
        const change = synthetic(current, 'delete', listedAt(current, undefined), true);
        this.entries = this.entries.delete(key);
        this.clocks.delete(key);
        changes.push(change);
      }
    }
    for (const event of events) {
      // An event of an untouched resource is stale (that is why it is untouched): it must
      // not revive a resource the listing just removed.
      if (touched.has(this.keyOf(event))) this.apply(event, changes);
      else this.onDrop('stale', event);
    }
  }
}

/**
 * `events` with each resource's events sorted by `datetime` (stably), each in the slots its
 * resource had, so that the order between resources stays the arrival order. A resource with
 * an event without a usable `datetime` keeps its arrival order.
 */
function inDatetimeOrder<E extends ResourceEvent>(events: readonly E[], keyOf: (event: E) => string): readonly E[] {
  const slots = new Map<string, number[]>();
  events.forEach((event, i) => {
    const key = keyOf(event);
    const list = slots.get(key);
    if (list === undefined) slots.set(key, [i]);
    else list.push(i);
  });
  let result: E[] | undefined;
  for (const indices of slots.values()) {
    if (indices.length < 2) continue;
    const times = indices.map((i) => timeOf(events[i]!));
    if (times.some((t) => t === undefined)) continue;
    let ordered = true;
    for (let j = 1; j < times.length && ordered; j++) ordered = times[j - 1]! <= times[j]!;
    if (ordered) continue;
    const sorted = indices.map((i, j) => ({ event: events[i]!, at: times[j]!, j })).sort((a, b) => a.at - b.at || a.j - b.j);
    result ??= [...events];
    indices.forEach((slot, j) => {
      result![slot] = sorted[j]!.event;
    });
  }
  return result ?? events;
}
