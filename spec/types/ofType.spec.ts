import { EMPTY, Observable, of, type OperatorFunction } from 'rxjs';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import type { ErrorMessage, UserNotificationMessage } from '../../lib/model/ControlMessage.js';
import type { ContainerEvent, ServiceEvent, StackEvent } from '../../lib/model/ResourceEvent.js';
import type { StateOf } from '../../lib/model/ResourceState.js';
import type { UnknownEvent } from '../../lib/model/UnknownEvent.js';
import type { KnownEvent } from '../../lib/model/CloudEvent.js';
import { ofType, type EventTypeOf, type OfType } from '../../lib/operators/ofType.js';
import { ofUnknownType, type OfUnknownType } from '../../lib/operators/ofUnknownType.js';
import { containerEvent, errorMessage, serviceEvent, unknownEvent } from '../../lib/testing/index.js';

// Exact type equality: `Equals<A, B>` is `true` only when A and B are the same type, so a
// narrowing that is too wide or too narrow fails `tsc`.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}
type KnownType = KnownEvent['type'];

// Empty streams: these tests are about what compiles; the pipes still run.
const events$: Observable<CloudEvent> = EMPTY;
const containersAndServices$: Observable<ContainerEvent | ServiceEvent> = EMPTY;

describe('ofType (types)', () => {
  it('narrows a CloudEvent stream to the events of a known resource type', () => {
    const containers$ = events$.pipe(ofType('container'));
    assertType<Equals<typeof containers$, Observable<ContainerEvent>>>();
    containers$.subscribe((event) => {
      const state: StateOf<'container'> | undefined = event.state;
      const type: 'container' = event.type;
      // @ts-expect-error a container event is not a service event
      const wrong: 'service' = event.type;
      void [state, type, wrong];
    });
  });

  it('narrows to the union of several types', () => {
    const both$ = events$.pipe(ofType('container', 'service'));
    assertType<Equals<typeof both$, Observable<ContainerEvent | ServiceEvent>>>();
  });

  it('narrows to control messages', () => {
    const errors$ = events$.pipe(ofType('error'));
    assertType<Equals<typeof errors$, Observable<ErrorMessage>>>();
    errors$.subscribe((m) => {
      const text: string = m.data.errorMessage;
      void text;
    });
    assertType<Equals<OfType<CloudEvent, 'user-notification'>, UserNotificationMessage>>();
  });

  it('rejects a misspelt or unknown type at compile time', () => {
    // @ts-expect-error 'contianer' is not a type the library knows
    events$.pipe(ofType('contianer'));
    // @ts-expect-error nor is 'image': unknown types need ofUnknownType
    events$.pipe(ofType('image', 'stack'));
    const stacks$ = events$.pipe(ofType('stack'));
    assertType<Equals<typeof stacks$, Observable<StackEvent>>>();
    assertType<Equals<EventTypeOf<CloudEvent>, KnownType>>();
  });

  it('reaches unknown types through ofUnknownType, and only them', () => {
    const images$ = events$.pipe(ofUnknownType('image'));
    assertType<Equals<typeof images$, Observable<UnknownEvent & { readonly type: 'image' }>>>();
    images$.subscribe((event) => {
      const unknown: UnknownEvent = event;
      const type: 'image' = event.type;
      void [unknown, type];
    });
    const two$ = events$.pipe(ofUnknownType('image', 'buildsetting'));
    assertType<Equals<typeof two$, Observable<UnknownEvent & { readonly type: 'image' | 'buildsetting' }>>>();
    // @ts-expect-error a known type goes through ofType
    expect(() => events$.pipe(ofUnknownType('container'))).toThrow(TypeError);
    // @ts-expect-error at least one type is required
    expect(() => events$.pipe(ofUnknownType())).toThrow(TypeError);
    // A stream without UnknownEvents has none to keep.
    assertType<Equals<OfUnknownType<ContainerEvent | ServiceEvent, 'image'>, never>>();
  });

  it('respects the input element type', () => {
    const containers$ = containersAndServices$.pipe(ofType('container'));
    assertType<Equals<typeof containers$, Observable<ContainerEvent>>>();
    // @ts-expect-error 'node' is not a type this stream can carry
    containersAndServices$.pipe(ofType('node'));
    // @ts-expect-error 'image' neither: no UnknownEvent in this stream
    containersAndServices$.pipe(ofType('image'));
    assertType<Equals<EventTypeOf<ContainerEvent | ServiceEvent>, 'container' | 'service'>>();
  });

  it('keeps the narrowing of a standalone operator', () => {
    const op = ofType('service');
    assertType<Equals<typeof op, OperatorFunction<CloudEvent, ServiceEvent>>>();
  });

  it('does not compile without a type, and throws from JavaScript', () => {
    // @ts-expect-error at least one type is required
    expect(() => events$.pipe(ofType())).toThrow(TypeError);
  });

  it('filters at run time as it narrows', () => {
    const seen: ContainerEvent[] = [];
    of<CloudEvent[]>(containerEvent('c1', 'Running'), serviceEvent('s1'), errorMessage('x'), unknownEvent('image'))
      .pipe(ofType('container'))
      .subscribe((event) => seen.push(event));
    expect(seen).toEqual([containerEvent('c1', 'Running')]);
  });
});
