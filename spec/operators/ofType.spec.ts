import type { TestScheduler } from 'rxjs/testing';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import { ofType } from '../../lib/operators/ofType.js';
import {
  actionEvent,
  authMessage,
  containerEvent,
  createEventTestScheduler,
  errorMessage,
  nodeEvent,
  serviceEvent,
  unknownEvent,
  userNotification,
} from '../../lib/testing/index.js';

describe('ofType', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const values: Record<string, CloudEvent> = {
    c: containerEvent('c1', 'Running'),
    s: serviceEvent('s1', 'Scaling'),
    n: nodeEvent('n1', 'Deployed'),
    a: actionEvent('a1', 'Success'),
    e: errorMessage('UNAUTHORIZED'),
    u: authMessage(),
    p: userNotification({ message: 'Redeploy failed' }),
    i: unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' }),
    b: unknownEvent('buildsetting', { state: 'Success' }),
  };

  it('keeps the events of one resource type', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-c-s-n-c-a-e-i-|', values);
      const subs = '       ^--------------!';
      const expected = '   -c-----c-------|';
      expectObservable(source.pipe(ofType('container'))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('keeps the events of any of several types', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-c-s-n-c-a-e-i-|', values);
      const expected = '   -c-s---c-a-----|';
      expectObservable(source.pipe(ofType('container', 'service', 'action'))).toBe(expected, values);
    });
  });

  it('keeps control messages by their type', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-u-c-e-p-e-|', values);
      const expected = '   -u---e---e-|';
      expectObservable(source.pipe(ofType('error', 'auth'))).toBe(expected, values);
      expectObservable(source.pipe(ofType('user-notification'))).toBe('-------p---|', values);
    });
  });

  it('drops the events of types the library does not know (ofUnknownType keeps them)', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-i-c-b-i-|', values);
      expectObservable(source.pipe(ofType('container', 'service'))).toBe('---c-----|', values);
    });
  });

  it('passes events through unchanged (the same objects)', () => {
    const event = containerEvent('c1', 'Running');
    const seen: unknown[] = [];
    scheduler.run(({ cold }) => {
      cold<CloudEvent>('a|', { a: event })
        .pipe(ofType('container'))
        .subscribe((e) => seen.push(e));
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(event);
  });

  it('completes empty on an empty source', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(ofType('container'))).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('never emits on a source that never emits', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(ofType('container'))).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('completes without emitting when no event matches', () => {
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-s-n-e-|', values).pipe(ofType('container'))).toBe('-------|');
    });
  });

  it('forwards the source error', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-c-s-#', values, new Error('socket closed'));
      const subs = '       ^----!';
      const expected = '   -c---#';
      expectObservable(source.pipe(ofType('container'))).toBe(expected, values, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('unsubscribes from the source when unsubscribed early', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-c-s-c-c-c-|', values);
      const subs = '      ^----!      ';
      const unsub = '     -----!      ';
      const expected = '  -c---       ';
      expectObservable(source.pipe(ofType('container')), unsub).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('throws a TypeError when called without a type (from JavaScript)', () => {
    const untyped = ofType as unknown as () => unknown;
    expect(untyped).toThrow(new TypeError('ofType needs at least one type'));
  });
});
