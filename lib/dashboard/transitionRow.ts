import { isSynthetic, type StateTransition, type WatchedEvent } from '../index.js';
import { stateTone, type StateTone } from '../display/stateTone.js';
import { shortId } from '../display/shortId.js';

/** One line of the dashboard's feed: a state transition, or a resource that ended. */
export interface TransitionRow {
  /** Unique within a page: the feed's key. */
  readonly id: number;
  readonly type: string;
  readonly shortId: string;
  /** The resource's name, when known as the row is made. */
  readonly name?: string;
  /** The state before, `undefined` for a resource seen for the first time. */
  readonly from: string | undefined;
  readonly to: string;
  readonly tone: StateTone;
  /** The event's `datetime` (simulated time), absent for what a resync made up. */
  readonly datetime: string | undefined;
  /** The transition was found by a resync after a reconnect, not received live. */
  readonly resync: boolean;
  /** For a resource that ended (its group completed): how many events it had. */
  readonly endedAfter?: number;
}

/** How many lines the feed keeps. */
export const FEED_LENGTH = 14;

/**
 * The feed line of a transition of a watch's events.
 *
 * @example
 * ```ts
 * watch.events.pipe(stateTransitions(), map((t, i) => transitionRow(t, i)));
 * ```
 */
export function transitionRow(transition: StateTransition<WatchedEvent>, id: number, name?: string): TransitionRow {
  const event = transition.event;
  return {
    id,
    type: transition.type,
    shortId: shortId(event.resource_uri),
    ...(name !== undefined && name !== '' ? { name } : {}),
    from: transition.from,
    to: transition.to,
    tone: stateTone(transition.to),
    datetime: event.datetime,
    resync: isSynthetic(event),
  };
}

/**
 * The feed with `row` on top, at most {@link FEED_LENGTH} lines long.
 *
 * @example
 * ```ts
 * rows$.pipe(scan(pushRow, [] as readonly TransitionRow[]));
 * ```
 */
export function pushRow(feed: readonly TransitionRow[], row: TransitionRow): readonly TransitionRow[] {
  return [row, ...feed.slice(0, FEED_LENGTH - 1)];
}
