// The per-resource state machine of `stateTransitions`. Internal: not exported from the barrel.

import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { resourceKey } from '../uri/resourceKey.js';
import type { StateTransition } from './stateTransitions.js';

/**
 * Remembers the last state of every live resource, and turns each event into the transition
 * it makes, if any. A resource is forgotten at its end of life, so {@link size} counts live
 * resources only (those seen with a state).
 */
export class TransitionTracker {
  // Key: the normalized resource URI. Value: the last state the resource was seen in.
  private readonly states = new Map<string, string>();

  /** How many resources are remembered. */
  get size(): number {
    return this.states.size;
  }

  /**
   * The transition `event` makes, or `undefined` when its resource stays in the same state
   * (or the event carries no state). Forgets the resource when the event ends its life.
   */
  track<E extends ResourceEvent>(event: E): StateTransition<E> | undefined {
    const key = resourceKey(event.resource_uri);
    const to = event.state;
    const from = this.states.get(key);
    if (isEndOfLife(event)) this.states.delete(key);
    else if (to !== undefined && to !== from) this.states.set(key, to);
    if (to === undefined || to === from) return undefined;
    return { resource_uri: key, type: event.type, from, to, event } as StateTransition<E>;
  }
}
