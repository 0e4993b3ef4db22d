import type { WatchedEvent } from '../resync/WatchedEvent.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';

/** Resources a consumer remembers the time of before it forgets the least recently seen. */
export const CLOCK_LIMIT = 100_000;

/** Whole seconds since the epoch of an ISO date, or undefined without a usable one. */
function secondOf(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * The per-resource time rule of a watch's cache, applied to events merged from several
 * relays: per resource, an event older than the latest one admitted is stale, and dropped.
 *
 * - A live event's time is its `datetime`; a synthetic event's is its `listedAt`, the `Date`
 *   of the REST page it came from: both on the upstream's clock.
 * - Times are compared to the second, the stream's precision, and a tie goes to the live
 *   event: a live event is admitted unless strictly older than the resource's clock, a
 *   synthetic one only when strictly newer. So a listing never undoes a live event of the
 *   same second, and a live event is never dropped for a listing made in its second.
 * - An event without a usable time (a Tutum event, an old relay's synthetic one) is admitted
 *   when live; when synthetic, only for a resource the consumer has no time for.
 * - A resource's time outlives its end of life, so that a late listing cannot revive it; the
 *   times of at most {@link CLOCK_LIMIT} resources are kept, the least recently seen go first.
 *
 * @internal
 * @example
 * ```ts
 * const clocks = new ResourceClocks();
 * if (clocks.admit(event)) subscriber.next(event);
 * ```
 */
export class ResourceClocks {
  private readonly clocks = new Map<string, number>();

  constructor(private readonly limit: number = CLOCK_LIMIT) {}

  /** Whether `event` is to be delivered; if so, its time moves its resource's clock. */
  admit(event: WatchedEvent): boolean {
    const synthetic = event.synthetic === true;
    const at = secondOf(synthetic ? event.listedAt : event.datetime);
    const key = normalizeResourceUri(event.resource_uri);
    const held = this.clocks.get(key);
    if (at === undefined) return !synthetic || held === undefined;
    if (held !== undefined && (synthetic ? at <= held : at < held)) return false;
    // Re-inserted so that the map's order is the order of last use.
    this.clocks.delete(key);
    this.clocks.set(key, held === undefined ? at : Math.max(held, at));
    if (this.clocks.size > this.limit) this.clocks.delete(this.clocks.keys().next().value as string);
    return true;
  }
}
