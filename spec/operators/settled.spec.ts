import fc from 'fast-check';
import { map, Subject, type Observable, type SchedulerLike } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { CloudEvent, ResourceEvent, ServiceEvent, UnknownState } from '../../lib/index.js';
import type { ResourceView } from '../../lib/operators/resourceView.js';
import { settled } from '../../lib/operators/settled.js';
import { SettleTracker } from '../../lib/tracking/SettleTracker.js';
import {
  actionEvent,
  containerEvent,
  createEventTestScheduler,
  errorMessage,
  serviceEvent,
  unknownEvent,
  uri,
} from '../../lib/testing/index.js';

const C1 = '/api/app/v1/container/c1/';
const C2 = '/api/app/v1/container/c2/';
const S1 = '/api/app/v1/service/s1/';

function asMaps<E extends ResourceEvent>(views: Observable<ResourceView<E>>): Observable<Map<string, E>> {
  return views.pipe(map((view) => new Map(view)));
}

/** A scheduler that counts the tasks scheduled on it (not the reschedules of a task). */
function counting(scheduler: SchedulerLike): SchedulerLike & { scheduled: number } {
  const counter = {
    scheduled: 0,
    now: () => scheduler.now(),
    schedule: ((...args: Parameters<SchedulerLike['schedule']>) => {
      counter.scheduled++;
      return scheduler.schedule(...args);
    }) as SchedulerLike['schedule'],
  };
  return counter;
}

describe('settled', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('emits the view once every resource is settled and no event came for quietTime', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting', { parents: [uri('service', 's1')] });
      const b = containerEvent('c1', 'Running');
      const c = serviceEvent('s1', 'Running');
      const source = cold<CloudEvent>('a 9ms b 39ms c 249ms |', { a, b, c });
      const expected = '               150ms x 149ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, {
        x: new Map<string, ResourceEvent>([
          [C1, b],
          [S1, c],
        ]),
      });
      expectSubscriptions(source.subscriptions).toBe('^ 299ms !');
    });
  });

  it('re-arms when a disarming resource settles again (the documented scenario)', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c1', 'Running');
      const c = serviceEvent('s1', 'Running');
      const d = serviceEvent('s1', 'Scaling');
      const e = serviceEvent('s1', 'Running');
      const source = cold<CloudEvent>('a 9ms b 39ms c 249ms d 119ms e 279ms |', { a, b, c, d, e });
      const expected = '               150ms x 369ms                 y 179ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, {
        x: new Map<string, ResourceEvent>([
          [C1, b],
          [S1, c],
        ]),
        y: new Map<string, ResourceEvent>([
          [C1, b],
          [S1, e],
        ]),
      });
    });
  });

  it('stays disarmed while a resource is in a transitional state', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c2', 'Starting');
      const c = containerEvent('c2', 'Running');
      const source = cold<CloudEvent>('a 49ms b 249ms c 299ms |', { a, b, c });
      const expected = '               400ms                 x 199ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, {
        x: new Map([
          [C1, a],
          [C2, c],
        ]),
      });
    });
  });

  it('restarts the quiet time on every resource event, as debounceTime does', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c1', 'Stopped');
      const source = cold<CloudEvent>('a 49ms b 49ms a 49ms b 299ms |', { a, b });
      const expected = '               250ms                     x 199ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, { x: new Map([[C1, b]]) });
    });
  });

  it('stays quiet after emitting until the view changes again', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c1', 'Stopped');
      // a again (the very event already tracked) changes nothing; b re-arms.
      const source = cold<CloudEvent>('a 199ms a 199ms b 299ms |', { a, b });
      const expected = '               100ms x 399ms           y 199ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, { x: new Map([[C1, a]]), y: new Map([[C1, b]]) });
    });
  });

  it('does not emit again when changes since the last emission cancelled out', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c2', 'Starting');
      const c = containerEvent('c2', 'Terminated');
      const d = serviceEvent('s1', 'Running');
      const source = cold<CloudEvent>('a 199ms b 9ms c 199ms d 199ms |', { a, b, c, d });
      const expected = '               100ms x 409ms                 y 99ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, {
        x: new Map([[C1, a]]),
        y: new Map<string, ResourceEvent>([
          [C1, a],
          [S1, d],
        ]),
      });
    });
  });

  it('forgets resources at their end of life, and emits an empty view when all are gone', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const p = actionEvent('a1', 'In progress', { parents: [uri('container', 'c1')] });
      const s = actionEvent('a1', 'Success');
      const d = containerEvent('c1', 'Running', { action: 'delete' });
      const source = cold<CloudEvent>('a 199ms p 49ms s 199ms d 199ms |', { a, p, s, d });
      // The action disarms while in progress; its success removes it, which cancels out.
      const expected = '               100ms x 449ms                         y 99ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, { x: new Map([[C1, a]]), y: new Map() });
    });
  });

  it('ignores control messages and unknown events, which neither disarm nor restart the quiet time', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const e = errorMessage('UNAUTHORIZED');
      const i = unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/', state: 'Starting' });
      const source = cold<CloudEvent>('a 49ms e 9ms i 199ms |', { a, e, i });
      const expected = '               100ms x 159ms |';
      expectObservable(asMaps(source.pipe(settled(100)))).toBe(expected, { x: new Map([[C1, a]]) });
    });
  });

  it('uses isSettled to decide, and does not ask it about end-of-life events', () => {
    const asked: string[] = [];
    testScheduler.run(({ cold, expectObservable }) => {
      const a = serviceEvent('s1', 'Running');
      const b = serviceEvent('s1', 'Partly running');
      const c = serviceEvent('s1', 'Running');
      const t = serviceEvent('s2', 'Terminated');
      const isSettled = (event: ServiceEvent): boolean => {
        asked.push(event.state ?? '');
        return event.state !== 'Partly running';
      };
      const source = cold<ServiceEvent>('a 199ms b 199ms c t 199ms |', { a, b, c, t });
      const expected = '               100ms x 400ms               y 99ms |';
      expectObservable(asMaps(source.pipe(settled(100, { isSettled })))).toBe(expected, {
        x: new Map([[S1, a]]),
        y: new Map([[S1, c]]),
      });
    });
    expect(asked).toEqual(['Running', 'Partly running', 'Running']);
  });

  it('sends an error thrown by isSettled downstream and unsubscribes from the source', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c1', 'Stopped');
      const source = hot<CloudEvent>('-a-b-a-|', { a, b });
      const isSettled = (event: ResourceEvent): boolean => {
        if (event.state === 'Stopped') throw new Error('bad predicate');
        return true;
      };
      expectObservable(source.pipe(settled(100, { isSettled }))).toBe('---#', undefined, new Error('bad predicate'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('emits a pending view on completion, as debounceTime does', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a 49ms |', { a });
      expectObservable(asMaps(source.pipe(settled(100)))).toBe('50ms (x|)', { x: new Map([[C1, a]]) });
    });
  });

  it('emits nothing on completion while a resource is transitional, or when nothing changed', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const s = containerEvent('c1', 'Starting');
      const r = containerEvent('c1', 'Running');
      expectObservable(cold<CloudEvent>('s 49ms |', { s }).pipe(settled(100))).toBe('50ms |');
      expectObservable(asMaps(cold<CloudEvent>('r 199ms |', { r }).pipe(settled(100)))).toBe('100ms x 99ms |', {
        x: new Map([[C1, r]]),
      });
    });
  });

  it('with quietTime 0, emits once the current instant is over', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('(ab) 6ms |', { a, b });
      expectObservable(asMaps(source.pipe(settled(0)))).toBe('x 9ms |', { x: new Map([[C1, b]]) });
    });
  });

  it('with quietTime Infinity, emits only on completion', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a 999ms |', { a });
      expectObservable(asMaps(source.pipe(settled(Infinity)))).toBe('1000ms (x|)', { x: new Map([[C1, a]]) });
    });
  });

  it('keeps one quiet-time check per subscription, rescheduled rather than replaced', () => {
    const scheduler = counting(testScheduler);
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c1', 'Stopped');
      const source = cold<CloudEvent>('a 9ms b 9ms a 9ms b 9ms a 199ms |', { a, b });
      expectObservable(asMaps(source.pipe(settled(100, { scheduler })))).toBe('140ms x 99ms |', { x: new Map([[C1, a]]) });
    });
    expect(scheduler.scheduled).toBe(1);
  });

  it('completes on empty without emitting', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(settled(100))).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('never emits on never', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(settled(100))).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('passes an error through, dropping a pending view', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a 49ms #', { a }, new Error('socket closed'));
      expectObservable(source.pipe(settled(100))).toBe('50ms #', undefined, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe('^ 49ms !');
    });
  });

  it('unsubscribes from the source and cancels the pending check on early unsubscription', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const source = hot<CloudEvent>('  -a 299ms |', { a });
      const subscription = '          ^ 50ms !    ';
      expectObservable(source.pipe(settled(100)), subscription).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^ 50ms !    ');
    });
  });

  it('rejects a negative or NaN quietTime, and an isSettled that is not a function', () => {
    expect(() => settled(-1)).toThrow(RangeError);
    expect(() => settled(NaN)).toThrow(RangeError);
    expect(() => settled(0)).not.toThrow();
    expect(() => settled(10, { isSettled: 'yes' as unknown as () => boolean })).toThrow(TypeError);
  });

  it('forgets every resource at its end of life (tracked count returns to zero)', () => {
    const ids = ['c1', 'c2', 's1', 'a1'];
    const states = ['Starting', 'Running', 'Stopping', 'Stopped', 'Scaling', 'Pending', 'In progress'];
    const eventOf = (id: string, state: string | undefined, action: 'create' | 'update' | 'delete'): ResourceEvent => {
      const options = { action };
      // States of one kind given to another on purpose: the operator must not care.
      const any = state as UnknownState | undefined;
      if (id.startsWith('c')) return containerEvent(id, any, options);
      if (id.startsWith('s')) return serviceEvent(id, any, options);
      return actionEvent(id, any, options);
    };
    const live = fc
      .tuple(fc.constantFrom(...ids), fc.option(fc.constantFrom(...states), { nil: undefined }), fc.constantFrom('create', 'update'))
      .map(([id, state, action]) => eventOf(id, state, action));
    const end = (id: string, how: number): ResourceEvent =>
      how === 0
        ? eventOf(id, undefined, 'delete')
        : eventOf(id, id.startsWith('a') ? ['Success', 'Failed', 'Canceled'][how - 1] : 'Terminated', 'update');
    fc.assert(
      fc.property(
        fc.array(live, { maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        (events, hows) => {
          const tracker = new SettleTracker<ResourceEvent>(
            (e) => !['Starting', 'Stopping', 'Scaling', 'Pending', 'In progress'].includes(e.state ?? ''),
          );
          for (const e of events) tracker.track(e);
          expect(tracker.size).toBeLessThanOrEqual(ids.length);
          ids.forEach((id, i) => tracker.track(end(id, hows[i]!)));
          expect(tracker.size).toBe(0);
          expect(tracker.unsettledCount).toBe(0);
          expect(tracker.allSettled).toBe(true);
          expect(tracker.view.size).toBe(0);

          // The operator over the same stream: its last view (on completion) is empty.
          const source = new Subject<ResourceEvent>();
          const views: ResourceView<ResourceEvent>[] = [];
          source.pipe(settled(Infinity)).subscribe((view) => views.push(view));
          for (const e of events) source.next(e);
          ids.forEach((id, i) => source.next(end(id, hows[i]!)));
          source.complete();
          expect(views.every((view) => view.size === 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('settled with a live signal', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });
  const booleans = { t: true, f: false };

  it('emits nothing while live is false, however long the silence', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const live = hot('  f', booleans);
      const source = cold<CloudEvent>('a', { a });
      expectObservable(source.pipe(settled(100, { live })), '^ 5000ms !').toBe('-');
    });
  });

  it('holds until live first says true, then waits quietTime from that moment', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const live = hot('  300ms t', booleans);
      const source = cold<CloudEvent>('a', { a });
      // Ungated, the view would come at 100.
      expectObservable(asMaps(source.pipe(settled(100, { live }))), '^ 1000ms !').toBe('400ms x', { x: new Map([[C1, a]]) });
    });
  });

  it('restarts the quiet time when live turns true again: the outage counts for nothing', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      // Up at 0, down at 50 (mid quiet time), up again at 150.
      const live = hot('  t 49ms f 99ms t', booleans);
      const source = cold<CloudEvent>('a', { a });
      // Not at 100 (the connection was down), not at 150 (100 ms since a, half of them down).
      expectObservable(asMaps(source.pipe(settled(100, { live }))), '^ 1000ms !').toBe('250ms x', { x: new Map([[C1, a]]) });
    });
  });

  it('does not restart the quiet time when live repeats true', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const live = hot('  t 49ms t', booleans);
      const source = cold<CloudEvent>('a', { a });
      expectObservable(asMaps(source.pipe(settled(100, { live }))), '^ 1000ms !').toBe('100ms x', { x: new Map([[C1, a]]) });
    });
  });

  it('after a resync, decides from the reconciled view', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c2', 'Starting');
      const c = containerEvent('c1', 'Stopped', { synthetic: true } as object);
      const d = containerEvent('c2', 'Running', { synthetic: true } as object);
      // Down at 250 while c2 is starting; a resync at 400 says c1 stopped and c2 runs, as a
      // watch does: the synthetic events come in the instant live turns true.
      const live = hot('  t 249ms f 149ms t', booleans);
      const source = cold<CloudEvent>('a 199ms b 199ms (cd)', { a, b, c, d });
      expectObservable(asMaps(source.pipe(settled(100, { live }))), '^ 1000ms !').toBe('100ms x 399ms y', {
        x: new Map([[C1, a]]),
        y: new Map([
          [C1, c],
          [C2, d],
        ]),
      });
    });
  });

  it('after a resync that changed nothing, emits nothing again', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const live = hot('  t 149ms f 149ms t', booleans);
      const source = cold<CloudEvent>('a', { a });
      expectObservable(asMaps(source.pipe(settled(100, { live }))), '^ 1000ms !').toBe('100ms x', { x: new Map([[C1, a]]) });
    });
  });

  it('tracks the events that come while not live, and decides on them once live', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c1', 'Stopped');
      const live = hot('  f 499ms t', booleans);
      const source = cold<CloudEvent>('a 199ms b', { a, b });
      expectObservable(asMaps(source.pipe(settled(100, { live }))), '^ 1000ms !').toBe('600ms x', { x: new Map([[C1, b]]) });
    });
  });

  it('emits nothing on completion while not live: the pending view is stale', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      expectObservable(cold<CloudEvent>('a 49ms |', { a }).pipe(settled(100, { live: hot('f', booleans) }))).toBe('50ms |');
      expectObservable(asMaps(cold<CloudEvent>('a 49ms |', { a }).pipe(settled(100, { live: hot('t', booleans) })))).toBe('50ms (x|)', {
        x: new Map([[C1, a]]),
      });
    });
  });

  it('sends an error of live downstream and unsubscribes from both', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const live = hot<boolean>('  t-#', booleans, new Error('watch failed'));
      const source = hot<CloudEvent>('a---', { a });
      expectObservable(source.pipe(settled(100, { live }))).toBe('--#', undefined, new Error('watch failed'));
      expectSubscriptions(source.subscriptions).toBe('^-!');
      expectSubscriptions(live.subscriptions).toBe('  ^-!');
    });
  });

  it('unsubscribes from live and the source, and cancels the check, on early unsubscription', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const live = hot('  t', booleans);
      const source = hot<CloudEvent>('a', { a });
      expectObservable(source.pipe(settled(100, { live })), '^ 50ms !').toBe('-');
      expectSubscriptions(live.subscriptions).toBe('  ^ 50ms !');
      expectSubscriptions(source.subscriptions).toBe('^ 50ms !');
    });
  });

  it('keeps its live state per subscription', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      // A cold signal: each subscription has its own, which is up after 0 ms or 200 ms.
      const gated = cold<CloudEvent>('a', { a }).pipe(settled(100, { live: cold('t', booleans) }));
      const late = cold<CloudEvent>('a', { a }).pipe(settled(100, { live: cold('200ms t', booleans) }));
      expectObservable(asMaps(gated), '^ 1000ms !').toBe('100ms x', { x: new Map([[C1, a]]) });
      expectObservable(asMaps(late), '^ 1000ms !').toBe('300ms x', { x: new Map([[C1, a]]) });
    });
  });

  it('rejects a live that is not an Observable', () => {
    expect(() => settled(10, { live: true as unknown as Observable<boolean> })).toThrow(TypeError);
  });
});
