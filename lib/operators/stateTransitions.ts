import { Observable, type OperatorFunction } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { StateOf } from '../model/ResourceState.js';
import { TransitionTracker } from '../tracking/TransitionTracker.js';

/**
 * A resource moving from one state to another, as {@link stateTransitions} reports it.
 *
 * @remarks
 * `E` is one event type (`ContainerEvent`…): then `from` and `to` are that resource type's
 * states. Over a union of event types use {@link StateTransitionOf}, which keeps each
 * transition's states tied to its `type`.
 *
 * @example
 * ```ts
 * const t: StateTransition<ContainerEvent> = {
 *   resource_uri: '/api/app/v1/container/0b0e/', type: 'container',
 *   from: 'Starting', to: 'Running', event,
 * };
 * ```
 * @see {@link stateTransitions}, {@link StateTransitionOf}
 */
export interface StateTransition<E extends ResourceEvent = ResourceEvent> {
  /** The resource's normalized URI (see `normalizeResourceUri`); the event keeps the original. */
  readonly resource_uri: string;
  /** The resource's type. */
  readonly type: E['type'];
  /** The state it was in, or `undefined` when this is the first state seen for it. */
  readonly from: StateOf<E['type']> | undefined;
  /** The state it is in now. */
  readonly to: StateOf<E['type']>;
  /** The event that made the transition. */
  readonly event: E;
}

/**
 * The transitions of events of type `E`, one {@link StateTransition} per resource event type
 * in `E`: over `ContainerEvent | ServiceEvent`, a transition whose `type` is `'container'` has
 * container states. Types in `E` that are not resource events contribute nothing.
 *
 * @example
 * ```ts
 * declare const t: StateTransitionOf<CloudEvent>;
 * if (t.type === 'node' && t.to === 'Deployed') console.log(t.event.parents);
 * ```
 * @see {@link StateTransition}, {@link stateTransitions}
 */
export type StateTransitionOf<E> = E extends ResourceEvent ? StateTransition<E> : never;

/**
 * Emits a {@link StateTransition} each time a resource's state really changes.
 *
 * Per resource (identified by its normalized URI, whatever form its events use), the operator
 * remembers the last state seen and emits `{ resource_uri, type, from, to, event }` when an
 * event carries a different one; `from` is `undefined` the first time a resource is seen with
 * a state. Repeated updates in one state, and events without a state, emit nothing. At its
 * end of life (see `isEndOfLife`) a resource emits its final transition, if its state
 * changed, and is forgotten, so memory is bounded by the live resources (and the last 1,024
 * that ended: an end-of-life event trailing the one that ended a life, such as the `delete`
 * after a `Terminated` update, emits only if it changes the final state). Control messages and
 * unknown events are dropped. Each subscription tracks resources on its own.
 *
 * @example
 * ```ts
 * events$.pipe(
 *   ofType('node'),
 *   stateTransitions(),
 *   filter((t) => t.to === 'Deployed' || t.to === 'Terminated'),
 * ).subscribe((t) => resyncPeers(t.resource_uri, t.from, t.to));
 * ```
 * @see {@link groupByResource}, {@link resourceView}, {@link settled}
 */
export function stateTransitions<E extends CloudEvent>(): OperatorFunction<E, StateTransitionOf<E>> {
  return (source) =>
    new Observable<StateTransitionOf<E>>((subscriber) => {
      const tracker = new TransitionTracker();
      return source.subscribe({
        next(event) {
          if (!isResourceEvent(event)) return;
          const transition = tracker.track(event);
          if (transition !== undefined) subscriber.next(transition as StateTransitionOf<E>);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
