import { EMPTY, Observable, of } from 'rxjs';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import type { EventAction } from '../../lib/model/EventAction.js';
import type { ContainerEvent, ResourceEvent, ServiceEvent } from '../../lib/model/ResourceEvent.js';
import type { StateOf } from '../../lib/model/ResourceState.js';
import { ofAction, type OfAction } from '../../lib/operators/ofAction.js';
import { ofType } from '../../lib/operators/ofType.js';
import { containerEvent, errorMessage, unknownEvent } from '../../lib/testing/index.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// Empty streams: these tests are about what compiles; the pipes still run.
const events$: Observable<CloudEvent> = EMPTY;
const containersAndServices$: Observable<ContainerEvent | ServiceEvent> = EMPTY;

describe('ofAction (types)', () => {
  it('narrows a CloudEvent stream to resource events with that action', () => {
    const deletes$ = events$.pipe(ofAction('delete'));
    assertType<Equals<typeof deletes$, Observable<ResourceEvent & { readonly action: 'delete' }>>>();
    deletes$.subscribe((event) => {
      const action: 'delete' = event.action;
      const uri: string = event.resource_uri;
      // @ts-expect-error a delete is not a create
      const wrong: 'create' = event.action;
      void [action, uri, wrong];
    });
  });

  it('narrows to the union of several actions', () => {
    const changes$ = events$.pipe(ofAction('create', 'update'));
    changes$.subscribe((event) => {
      const action: 'create' | 'update' = event.action;
      // @ts-expect-error no delete gets through
      const wrong: 'delete' = event.action;
      void [action, wrong];
    });
    assertType<Equals<OfAction<CloudEvent, EventAction>, ResourceEvent & { readonly action: EventAction }>>();
  });

  it('respects the input element type, and composes with ofType', () => {
    const created$ = containersAndServices$.pipe(ofAction('create'));
    assertType<Equals<typeof created$, Observable<(ContainerEvent | ServiceEvent) & { readonly action: 'create' }>>>();
    events$.pipe(ofType('container'), ofAction('create')).subscribe((event) => {
      const state: StateOf<'container'> | undefined = event.state;
      const action: 'create' = event.action;
      void [state, action];
    });
  });

  it('rejects actions that do not exist', () => {
    // @ts-expect-error 'restart' is not an EventAction
    events$.pipe(ofAction('restart'));
  });

  it('does not compile without an action, and throws from JavaScript', () => {
    // @ts-expect-error at least one action is required
    expect(() => events$.pipe(ofAction())).toThrow(TypeError);
  });

  it('filters at run time as it narrows', () => {
    const seen: string[] = [];
    of<CloudEvent[]>(
      containerEvent('c1', 'Starting', { action: 'create' }),
      containerEvent('c1', 'Running'),
      errorMessage('x'),
      unknownEvent('image', { action: 'create' }),
    )
      .pipe(ofAction('create'))
      .subscribe((event) => seen.push(`${event.type}:${event.action}`));
    expect(seen).toEqual(['container:create']);
  });
});
