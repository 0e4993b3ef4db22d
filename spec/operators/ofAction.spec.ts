import type { TestScheduler } from 'rxjs/testing';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import { ofAction } from '../../lib/operators/ofAction.js';
import {
  actionEvent,
  authMessage,
  containerEvent,
  createEventTestScheduler,
  errorMessage,
  serviceEvent,
  stackEvent,
  unknownEvent,
  userNotification,
} from '../../lib/testing/index.js';

describe('ofAction', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const values: Record<string, CloudEvent> = {
    c: containerEvent('c1', 'Starting', { action: 'create' }),
    u: containerEvent('c1', 'Running', { action: 'update' }),
    d: containerEvent('c1', 'Terminated', { action: 'delete' }),
    s: serviceEvent('s1', 'Not running', { action: 'create' }),
    t: stackEvent('st1', 'Terminated', { action: 'delete' }),
    a: actionEvent('a1', 'Pending', { action: 'create' }),
    e: errorMessage('UNAUTHORIZED'),
    h: authMessage(),
    // Messages that are not resource events, yet carry an `action` field.
    i: unknownEvent('image', { action: 'create' }),
    n: userNotification({ action: 'delete' }),
  };

  it('keeps the resource events of one action, of every resource type', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-c-u-s-a-d-t-|', values);
      const subs = '       ^------------!';
      const expected = '   -c---s-a-----|';
      expectObservable(source.pipe(ofAction('create'))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('keeps the resource events of any of several actions', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-c-u-s-a-d-t-|', values);
      const expected = '   ---u-----d-t-|';
      expectObservable(source.pipe(ofAction('update', 'delete'))).toBe(expected, values);
      expectObservable(source.pipe(ofAction('create', 'update', 'delete'))).toBe('-c-u-s-a-d-t-|', values);
    });
  });

  it('drops control messages and unknown events, even with an action field', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-e-h-i-n-c-|', values);
      const expected = '   ---------c-|';
      expectObservable(source.pipe(ofAction('create', 'delete'))).toBe(expected, values);
    });
  });

  it('completes empty on an empty source', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(ofAction('create'))).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('never emits on a source that never emits', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(ofAction('create'))).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('forwards the source error', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-c-u-#', values, new Error('socket closed'));
      const subs = '       ^----!';
      const expected = '   -c---#';
      expectObservable(source.pipe(ofAction('create'))).toBe(expected, values, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('unsubscribes from the source when unsubscribed early', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-c-u-s-a-|', values);
      const subs = '      ^----!    ';
      const unsub = '     -----!    ';
      const expected = '  -c---     ';
      expectObservable(source.pipe(ofAction('create')), unsub).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('throws a TypeError when called without an action (from JavaScript)', () => {
    const untyped = ofAction as unknown as () => unknown;
    expect(untyped).toThrow(new TypeError('ofAction needs at least one action'));
  });
});
