import { EMPTY, Observable, of } from 'rxjs';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import type { ContainerEvent, ResourceEvent, ServiceEvent } from '../../lib/model/ResourceEvent.js';
import { distinctByUuid } from '../../lib/operators/distinctByUuid.js';
import { underParent } from '../../lib/operators/underParent.js';
import { containerEvent, uri } from '../../lib/testing/index.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// Empty streams: these tests are about what compiles; the pipes still run.
const events$: Observable<CloudEvent> = EMPTY;
const containersAndServices$: Observable<ContainerEvent | ServiceEvent> = EMPTY;

describe('underParent and distinctByUuid (types)', () => {
  it('narrows to resource events and respects the input element type', () => {
    const under$ = events$.pipe(underParent(uri('service', 's1')));
    assertType<Equals<typeof under$, Observable<ResourceEvent>>>();
    const kept$ = containersAndServices$.pipe(underParent(uri('service', 's1'), { transitive: true }));
    assertType<Equals<typeof kept$, Observable<ContainerEvent | ServiceEvent>>>();
  });

  it('takes a string, a ResourceRef or an array of them, then an optional options object', () => {
    events$.pipe(underParent([uri('service', 's1'), { kind: 'stack', uuid: 'st1' }]));
    events$.pipe(underParent({ kind: 'stack', uuid: 'st1' }, { includeSelf: true, transitive: true }));
    const services: readonly string[] = [uri('service', 's1'), uri('service', 's2')];
    events$.pipe(underParent(services, { includeSelf: true }));
    // @ts-expect-error at least one parent is required
    expect(() => events$.pipe(underParent())).toThrow(TypeError);
    // @ts-expect-error options alone name no parent
    expect(() => events$.pipe(underParent({ includeSelf: true }))).toThrow(TypeError);
    // @ts-expect-error options come second
    expect(() => events$.pipe(underParent({ includeSelf: true }, uri('service', 's1')))).toThrow(TypeError);
    // @ts-expect-error several parents are one array, not several arguments
    expect(() => events$.pipe(underParent(uri('service', 's1'), uri('service', 's2')))).toThrow(TypeError);
    // @ts-expect-error several parents are one array, also before the options
    expect(() => events$.pipe(underParent(uri('service', 's1'), uri('service', 's2'), { includeSelf: true }))).toThrow(TypeError);
    // @ts-expect-error options are typed
    expect(() => events$.pipe(underParent(uri('service', 's1'), { includeSelf: 'yes' }))).toThrow(TypeError);
    // @ts-expect-error a typo in an option's name
    expect(() => events$.pipe(underParent(uri('service', 's1'), { transitve: true }))).toThrow(TypeError);
  });

  it('keeps the element type through distinctByUuid', () => {
    const distinct$ = containersAndServices$.pipe(distinctByUuid());
    assertType<Equals<typeof distinct$, Observable<ContainerEvent | ServiceEvent>>>();
    // @ts-expect-error size is a number
    expect(() => distinctByUuid({ size: '10' })).toThrow(RangeError);
  });

  it('throws from JavaScript when given no parent', () => {
    const call = underParent as unknown as (...args: unknown[]) => unknown;
    expect(() => call()).toThrow(TypeError);
    expect(() => call([])).toThrow(TypeError);
    expect(() => call({ includeSelf: true })).toThrow(TypeError);
    const seen: unknown[] = [];
    of<CloudEvent[]>(containerEvent('c1', 'Running', { parents: [uri('service', 's1')] }))
      .pipe(underParent('/api/v1/service/s1'))
      .subscribe((event) => seen.push(event));
    expect(seen).toHaveLength(1);
  });
});
