import { debounce } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { liveFor } from '../../lib/operators/liveFor.js';
import { createEventTestScheduler } from '../../lib/testing/index.js';

describe('liveFor', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });
  const booleans = { t: true, f: false };

  it('emits once live has been true for dueTime in a row, then completes and unsubscribes', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const live = hot('  t 49ms f 99ms t 29ms t', booleans);
      // Up at 0, down at 50 (the wait starts over), up at 150: 100 ms later, at 250.
      expectObservable(liveFor(100, live)).toBe('250ms (x|)', { x: undefined });
      expectSubscriptions(live.subscriptions).toBe('^ 249ms !');
    });
  });

  it('waits while live is false or silent', () => {
    testScheduler.run(({ hot, expectObservable }) => {
      expectObservable(liveFor(100, hot('f', booleans)), '^ 1000ms !').toBe('-');
      expectObservable(liveFor(100, hot('-', booleans)), '^ 1000ms !').toBe('-');
      expectObservable(liveFor(Infinity, hot('t', booleans)), '^ 1000ms !').toBe('-');
    });
  });

  it('as the duration of debounce, never fires while not live, and waits a whole dueTime once live again', () => {
    testScheduler.run(({ hot, expectObservable }) => {
      const live = hot('   t 99ms f 499ms t', booleans);
      const changes = hot('a 9ms b 149ms c', { a: 'a', b: 'b', c: 'c' });
      // debounceTime(200) would emit c at 360, while down; live again at 600: c at 800.
      expectObservable(changes.pipe(debounce(() => liveFor(200, live))), '^ 2000ms !').toBe('800ms c', { c: 'c' });
    });
  });

  it('passes an error of live through', () => {
    testScheduler.run(({ hot, expectObservable }) => {
      expectObservable(liveFor(100, hot('t-#', booleans, new Error('down')))).toBe('--#', undefined, new Error('down'));
    });
  });

  it('rejects a dueTime that is negative, NaN, or longer than a timer can hold', () => {
    const never = testScheduler.createColdObservable<boolean>('-');
    expect(() => liveFor(-1, never)).toThrow(RangeError);
    expect(() => liveFor(NaN, never)).toThrow(RangeError);
    expect(() => liveFor(2 ** 31, never)).toThrow(RangeError);
    expect(() => liveFor(2 ** 31 - 1, never)).not.toThrow();
  });
});
