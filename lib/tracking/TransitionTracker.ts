// The per-resource state machine of `stateTransitions`. Internal: not exported from the barrel.

import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { resourceKey } from '../uri/resourceKey.js';
import { RecentlyEnded } from './RecentlyEnded.js';
import type { StateTransition } from '../operators/stateTransitions.js';

/**
 * Remembers the last state of every live resource, and turns each event into the transition
 * it makes, if any. A resource is forgotten at its end of life, so {@link size} counts live
 * resources only (those seen with a state); the last 1,024 that ended are remembered apart,
 * with their final state.
 */
export class TransitionTracker {
  // Key: the normalized resource URI. Value: the last state the resource was seen in.
  private readonly states = new Map<string, string>();
  // The last resources whose life ended, so that a trailing end-of-life event is not a new one.
  private readonly ended = new RecentlyEnded();

  /** How many resources are remembered. */
  get size(): number {
    return this.states.size;
  }

  /**
   * The transition `event` makes, or `undefined` when its resource stays in the same state
   * (or the event carries no state). Forgets the resource when the event ends its life. An
   * end-of-life event about a resource whose life just ended (the `delete` that follows a
   * `Terminated` update) belongs to that life: it makes a transition only if its state differs
   * from the one the life ended in.
   */
  track<E extends ResourceEvent>(event: E): StateTransition<E> | undefined {
    const key = resourceKey(event.resource_uri);
    const to = event.state;
    const states = this.states;
    let from = states.get(key);
    if (isEndOfLife(event)) {
      if (from !== undefined) states.delete(key);
      else if (this.ended.has(key)) from = this.ended.stateOf(key);
      this.ended.add(key, to ?? from);
    } else {
      // A new life for a resource that ended: it starts from nothing, as a new resource does.
      // `ended` is read only at an end of life without a state remembered, so a life that
      // sets a state needs no Map deletion here: its end overwrites the entry.
      if (to !== undefined) {
        if (to !== from) states.set(key, to);
      } else if (from === undefined) this.ended.delete(key);
    }
    if (to === undefined || to === from) return undefined;
    return { resource_uri: key, type: event.type, from, to, event } as StateTransition<E>;
  }
}
