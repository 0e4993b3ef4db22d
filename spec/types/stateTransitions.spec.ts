import { of, type Observable } from 'rxjs';
import type { CloudEvent, ContainerEvent, ContainerState, StateOf } from '../../lib/index.js';
import { stateTransitions, type StateTransition, type StateTransitionOf } from '../../lib/operators/stateTransitions.js';
import { containerEvent, serviceEvent } from '../../lib/testing/index.js';

/** `true` exactly when `A` and `B` are the same type (not merely mutually assignable). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('stateTransitions types', () => {
  it('types from and to with the states of the resource type after a typed stream', () => {
    const containers$: Observable<ContainerEvent> = of(containerEvent('c1', 'Starting'), containerEvent('c1', 'Running'));
    const transitions$ = containers$.pipe(stateTransitions());
    const seen: StateOf<'container'>[] = [];
    transitions$.subscribe((t) => {
      const to: StateOf<'container'> = t.to;
      const from: StateOf<'container'> | undefined = t.from;
      const type: 'container' = t.type;
      const event: ContainerEvent = t.event;
      const toIsContainerState: Equals<typeof t.to, StateOf<'container'>> = true;
      // @ts-expect-error: a container's state is not a service's state
      const toIsServiceState: Equals<typeof t.to, StateOf<'service'>> = true;
      // @ts-expect-error: nor is it narrowed to the documented states only (unknown strings decode)
      const documentedOnly: ContainerState = t.to;
      // @ts-expect-error: the transition is about a container
      const wrongType: 'service' = t.type;
      void [from, type, event, toIsContainerState, toIsServiceState, documentedOnly, wrongType];
      seen.push(to);
    });
    expect(seen).toEqual(['Starting', 'Running']);
  });

  it('keeps each transition correlated to its type over a union of events', () => {
    const events$: Observable<CloudEvent> = of(serviceEvent('s1', 'Scaling'), containerEvent('c1', 'Running'));
    const pairs: string[] = [];
    events$.pipe(stateTransitions()).subscribe((t) => {
      const union: StateTransitionOf<CloudEvent> = t;
      if (t.type === 'service') {
        const narrowed: StateTransition<import('../../lib/index.js').ServiceEvent> = t;
        const isService: Equals<typeof t.to, StateOf<'service'>> = true;
        void [narrowed, isService];
      }
      void union;
      pairs.push(`${t.type}:${t.to}`);
    });
    expect(pairs).toEqual(['service:Scaling', 'container:Running']);
  });
});
