import type { TestScheduler } from 'rxjs/testing';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import { ofUnknownType } from '../../lib/operators/ofUnknownType.js';
import { containerEvent, createEventTestScheduler, errorMessage, unknownEvent } from '../../lib/testing/index.js';

describe('ofUnknownType', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const values: Record<string, CloudEvent> = {
    c: containerEvent('c1', 'Running'),
    e: errorMessage('UNAUTHORIZED'),
    i: unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' }),
    b: unknownEvent('buildsetting', { state: 'Success' }),
  };

  it('keeps the events of one type the library does not know', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-i-c-b-e-i-|', values);
      const subs = '       ^----------!';
      const expected = '   -i-------i-|';
      expectObservable(source.pipe(ofUnknownType('image'))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('keeps the events of any of several unknown types, the same objects', () => {
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-i-c-b-|', values).pipe(ofUnknownType('buildsetting', 'image'))).toBe('-i---b-|', values);
    });
    const seen: unknown[] = [];
    scheduler.run(({ cold }) => {
      cold<CloudEvent>('i|', values)
        .pipe(ofUnknownType('image'))
        .subscribe((event) => seen.push(event));
    });
    expect(seen[0]).toBe(values['i']);
  });

  it('forwards the source error, and unsubscribes when unsubscribed early', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const failing = cold('-i-#', values, new Error('socket closed'));
      expectObservable(failing.pipe(ofUnknownType('image'))).toBe('-i-#', values, new Error('socket closed'));
      const source = hot('-i-i-i-|', values);
      expectObservable(source.pipe(ofUnknownType('image')), '---!').toBe('-i-', values);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('throws a TypeError for a known type or no type (from JavaScript)', () => {
    const untyped = ofUnknownType as unknown as (...types: string[]) => unknown;
    expect(() => untyped()).toThrow(new TypeError('ofUnknownType needs at least one type'));
    expect(() => untyped('image', 'container')).toThrow(new TypeError('ofUnknownType: "container" is a known type, use ofType'));
    expect(() => untyped('error')).toThrow(TypeError);
  });
});
