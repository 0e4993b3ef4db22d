import { from, take } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import { distinctByUuid } from '../../lib/operators/distinctByUuid.js';
import {
  authMessage,
  containerEvent,
  createEventTestScheduler,
  errorMessage,
  serviceEvent,
  unknownEvent,
  userNotification,
} from '../../lib/testing/index.js';

describe('distinctByUuid', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const values: Record<string, CloudEvent> = {
    a: containerEvent('c1', 'Starting', { uuid: 'u-a' }),
    b: containerEvent('c1', 'Running', { uuid: 'u-b' }),
    c: serviceEvent('s1', 'Running', { uuid: 'u-c' }),
    d: serviceEvent('s1', 'Scaling', { uuid: 'u-d' }),
    // The same uuid as `a` on a different payload: the uuid alone identifies an event.
    A: containerEvent('c1', 'Stopped', { uuid: 'u-a' }),
    // Tutum events carry no uuid.
    t: containerEvent('c2', 'Running'),
    e: errorMessage('UNAUTHORIZED'),
    h: authMessage(),
    n: userNotification({ uuid: 'u-a' }),
    i: unknownEvent('image', { uuid: 'u-i' }),
    j: unknownEvent('image', { uuid: 42 }),
  };

  it('drops an event whose uuid was already seen', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-a-c-b-A-d-|', values);
      const subs = '       ^--------------!';
      const expected = '   -a-b---c-----d-|';
      expectObservable(source.pipe(distinctByUuid())).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('drops the overlap a reconnect replays', () => {
    scheduler.run(({ cold, expectObservable }) => {
      // The second connection replays b and c before the new d.
      const source = cold('-a-b-c--b-c-d-|', values);
      const expected = '   -a-b-c------d-|';
      expectObservable(source.pipe(distinctByUuid())).toBe(expected, values);
    });
  });

  it('passes events without a uuid (Tutum) and control messages, however often they repeat', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-t-t-e-e-h-h-n-n-a-|', values);
      const expected = '   -t-t-e-e-h-h-n-n-a-|';
      expectObservable(source.pipe(distinctByUuid())).toBe(expected, values);
    });
  });

  it('de-duplicates events of unknown types by a string uuid, and passes other uuids', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-i-i-j-j-|', values);
      const expected = '   -i---j-j-|';
      expectObservable(source.pipe(distinctByUuid())).toBe(expected, values);
    });
  });

  it('forgets the oldest uuid once it remembers `size` of them', () => {
    scheduler.run(({ cold, expectObservable }) => {
      // size 2: c evicts a, so a passes again (and evicts b), while c is still remembered.
      const source = cold('-a-b-a-c-a-c-b-|', values);
      const expected = '   -a-b---c-a---b-|';
      expectObservable(source.pipe(distinctByUuid({ size: 2 }))).toBe(expected, values);
    });
  });

  it('does not count a dropped duplicate as a new uuid in the window', () => {
    scheduler.run(({ cold, expectObservable }) => {
      // With size 2, repeating b must not evict a.
      const source = cold('-a-b-b-b-a-|', values);
      const expected = '   -a-b-------|';
      expectObservable(source.pipe(distinctByUuid({ size: 2 }))).toBe(expected, values);
    });
  });

  it('remembers only the last uuid with size 1', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-a-a-b-a-a-|', values);
      const expected = '   -a---b-a---|';
      expectObservable(source.pipe(distinctByUuid({ size: 1 }))).toBe(expected, values);
    });
  });

  it('keeps memory bounded by size over a long stream', () => {
    const size = 100;
    const events: CloudEvent[] = [];
    for (let i = 0; i < 10_000; i++) events.push(containerEvent('c1', 'Running', { uuid: `u${i}` }));
    // Replay the last `size` uuids: all of them are still remembered, the one before is not.
    for (let i = 10_000 - size; i < 10_000; i++) events.push(containerEvent('c1', 'Running', { uuid: `u${i}` }));
    events.push(containerEvent('c1', 'Running', { uuid: `u${10_000 - size - 1}` }));
    let count = 0;
    from(events)
      .pipe(distinctByUuid({ size }))
      .subscribe(() => count++);
    expect(count).toBe(10_001);
  });

  it('gives each subscription its own memory', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-a-a-|', values);
      const distinct = source.pipe(distinctByUuid());
      expectObservable(distinct).toBe('-a---|', values);
      expectObservable(distinct).toBe('-a---|', values);
    });
  });

  it('completes empty on an empty source', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(distinctByUuid())).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('never emits on a source that never emits', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(distinctByUuid())).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('forwards the source error', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-a-#', values, new Error('socket closed'));
      const subs = '       ^----!';
      const expected = '   -a---#';
      expectObservable(source.pipe(distinctByUuid())).toBe(expected, values, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('unsubscribes from the source when unsubscribed early', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-d-|', values);
      const subs = '      ^----!    ';
      const unsub = '     -----!    ';
      const expected = '  -a-b-     ';
      expectObservable(source.pipe(distinctByUuid()), unsub).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('stops a synchronous source when the consumer stops early', () => {
    let pulled = 0;
    function* endless(): Generator<CloudEvent> {
      for (;;) yield containerEvent('c1', 'Running', { uuid: `u${pulled++}` });
    }
    const seen: CloudEvent[] = [];
    from(endless())
      .pipe(distinctByUuid(), take(3))
      .subscribe((e) => seen.push(e));
    expect(seen).toHaveLength(3);
    expect(pulled).toBe(3);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws a RangeError at call time for size %p', (size) => {
    expect(() => distinctByUuid({ size })).toThrow(RangeError);
  });

  it('names the bad size in its RangeError', () => {
    expect(() => distinctByUuid({ size: 0 })).toThrow('distinctByUuid: size must be a positive integer, got 0');
  });

  it('accepts a missing size and an explicit default', () => {
    expect(typeof distinctByUuid()).toBe('function');
    expect(typeof distinctByUuid({ size: 10_000 })).toBe('function');
  });
});
