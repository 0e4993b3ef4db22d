import { EMPTY, Observable, of } from 'rxjs';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import type { ContainerEvent, ResourceEvent } from '../../lib/model/ResourceEvent.js';
import { isKnownState, type ContainerState, type StateOf, type UnknownState } from '../../lib/model/ResourceState.js';
import type { ObservedState } from '../../lib/model/vocabulary.js';
import { ofType } from '../../lib/operators/ofType.js';
import { resourceView } from '../../lib/operators/resourceView.js';
import { stateTransitions } from '../../lib/operators/stateTransitions.js';
import { containerEvent } from '../../lib/testing/index.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// Empty streams: these tests are about what compiles; the pipes still run.
const events$: Observable<CloudEvent> = EMPTY;

describe('states (types)', () => {
  it('makes a misspelt state a compile error after ofType', () => {
    events$.pipe(ofType('container')).subscribe((event) => {
      // @ts-expect-error 'Runing' is no container state: the comparison is always false
      if (event.state === 'Runing') throw new Error('unreachable');
      // @ts-expect-error nor is a service's 'Scaling' one of a container's
      if (event.state === 'Scaling') throw new Error('unreachable');
      switch (event.state) {
        case 'Running':
        case 'Start failed':
          break;
        // @ts-expect-error a misspelt case does not compile either
        case 'Stoped':
          break;
      }
    });
  });

  it('makes a misspelt state a compile error in transitions and views', () => {
    events$.pipe(ofType('node'), stateTransitions()).subscribe((t) => {
      // @ts-expect-error 'Deploy' is no node state
      if (t.to === 'Deploy' || t.from === 'Deployed') throw new Error('unreachable');
    });
    events$.pipe(stateTransitions()).subscribe((t) => {
      // @ts-expect-error no resource type has a state 'Runing'
      if (t.to === 'Runing') throw new Error('unreachable');
    });
    events$.pipe(ofType('service'), resourceView()).subscribe((view) => {
      for (const event of view.values()) {
        // @ts-expect-error 'Partly Running' is spelt 'Partly running' for a service
        if (event.state === 'Partly Running') throw new Error('unreachable');
      }
    });
    const any: ResourceEvent['state'] = 'Partly deployed';
    // @ts-expect-error a state of no resource type, whichever the event
    const typo: ResourceEvent['state'] = 'Partly deploy';
    void [any, typo];
  });

  it('keeps an unknown state reachable: a string, told apart by elimination', () => {
    const handle = (state: StateOf<'container'>): string => {
      const length: number = state.length;
      const text: string = state;
      // @ts-expect-error a plain string is not a state until it is said to be an unknown one
      const unchecked: StateOf<'container'> = text;
      void [length, unchecked];
      if (isKnownState('container', state)) {
        assertType<Equals<typeof state, ContainerState>>();
        return 'documented';
      }
      assertType<Equals<typeof state, ObservedState | UnknownState>>();
      return state === 'Start failed' || state === 'Stopped with errors' || state === 'Started' ? 'observed' : `unknown: ${state}`;
    };
    expect([handle('Running'), handle('Start failed'), handle('Exploded' as UnknownState)]).toEqual([
      'documented',
      'observed',
      'unknown: Exploded',
    ]);
  });

  it('still decodes such states at run time (see spec/model/decodeEvent.spec.ts), and isKnownState tells', () => {
    const seen: boolean[] = [];
    of<ContainerEvent[]>(
      containerEvent('c1', 'Running'),
      containerEvent('c1', 'Exploded' as UnknownState),
      containerEvent('c1', 'Start failed'),
    )
      .pipe(stateTransitions())
      .subscribe((t) => seen.push(isKnownState(t.type, t.to)));
    expect(seen).toEqual([true, false, false]);
  });
});
