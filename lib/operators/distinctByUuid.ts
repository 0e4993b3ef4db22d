import { defer, filter, type MonoTypeOperatorFunction } from 'rxjs';
import type { CloudEvent } from '../model/CloudEvent.js';
import { isControlMessageType } from '../model/ControlMessage.js';

/** How {@link distinctByUuid} de-duplicates. */
export interface DistinctByUuidOptions {
  /**
   * How many distinct uuids it remembers: an event is dropped when its uuid is among the last
   * `size` distinct uuids seen. A positive integer; default `10_000`, several minutes of a busy
   * account's events, more than a reconnect replays.
   */
  readonly size?: number;
}

/**
 * Drops the events whose `uuid` was already seen among the last `size` distinct uuids: the
 * overlap a stream replays after a reconnect.
 *
 * Events without a uuid (all of Tutum's) and control messages always pass, since nothing
 * identifies them. Events of unknown types are de-duplicated too when they carry a string
 * `uuid`. Memory is bounded by `size`: past it, the oldest uuid is forgotten. Each subscription
 * remembers its own uuids.
 *
 * @throws `RangeError` at call time when `options.size` is not a positive integer.
 *
 * @example
 * ```ts
 * // Merge the live stream with a replay without handling an event twice.
 * merge(replay$, live$).pipe(distinctByUuid({ size: 1_000 })).subscribe(handle);
 * ```
 * @see {@link ofType}, {@link ofAction}, {@link underParent}
 */
export function distinctByUuid<E extends CloudEvent>(options: DistinctByUuidOptions = {}): MonoTypeOperatorFunction<E> {
  const size = options.size ?? 10_000;
  if (!Number.isInteger(size) || size <= 0) {
    throw new RangeError(`distinctByUuid: size must be a positive integer, got ${String(size)}`);
  }
  return (source) =>
    defer(() => {
      const seen = new Set<string>();
      // A ring of the remembered uuids in arrival order, so that evicting the oldest one
      // allocates nothing (unlike asking the set for an iterator on every event once full).
      const ring: string[] = [];
      let oldest = 0;
      return source.pipe(
        filter((event) => {
          const uuid = (event as { readonly uuid?: unknown }).uuid;
          if (typeof uuid !== 'string' || isControlMessageType(event.type)) return true;
          if (seen.has(uuid)) return false;
          seen.add(uuid);
          if (ring.length < size) {
            ring.push(uuid);
          } else {
            seen.delete(ring[oldest]!);
            ring[oldest] = uuid;
            oldest = oldest + 1 === size ? 0 : oldest + 1;
          }
          return true;
        }),
      );
    });
}
