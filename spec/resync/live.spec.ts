// A watch knows its gaps: `live`, and `settled` held while the watch is not live, on virtual
// time with the fake socket and the fake REST API.
import { asyncScheduler } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { ofType, settled } from '../../lib/index.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';
import { createEventTestScheduler, serviceEvent } from '../../lib/testing/index.js';
import { at, snapshot, watchHarness } from './support.js';

/** The statuses of a watch with the virtual time they came at, as `[ms, kind]`. */
function timedStatuses(): { readonly log: [number, WatchStatus['kind']][]; readonly status: (status: WatchStatus) => void } {
  const log: [number, WatchStatus['kind']][] = [];
  return { log, status: (status) => log.push([asyncScheduler.now(), status.kind]) };
}

/** The windows in which the watch was not live: from each loss of the socket to the next `synced`. */
function outages(log: readonly [number, WatchStatus['kind']][]): [number, number][] {
  const windows: [number, number][] = [];
  let from: number | undefined;
  for (const [ms, kind] of log) {
    if (kind === 'reconnecting' && from === undefined) from = ms;
    if (kind === 'synced' && from !== undefined) {
      windows.push([from, ms]);
      from = undefined;
    }
  }
  return windows;
}

describe('a watch knows its gaps', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  describe('live', () => {
    it('is false until the first sync, true once synced, false from a drop through the listing, true after the next sync', () => {
      scheduler.run(({ expectObservable }) => {
        const h = watchHarness({ kinds: ['service'] });
        h.rest.setListing('service', [serviceEvent('web', 'Running')]);
        at(10, () => h.ws.last.open()); // listed at 20
        at(300, () => h.ws.last.serverClose(1006)); // retried at 1000
        at(1010, () => h.ws.last.open()); // listed at 1020
        expectObservable(h.watch.live, '^ 2000ms !').toBe('f 19ms t 279ms f 719ms t', { t: true, f: false });
      });
    });

    it('stays false while a listing fails and is retried', () => {
      scheduler.run(({ expectObservable, flush }) => {
        const timed = timedStatuses();
        const h = watchHarness({ kinds: ['service'], status: timed.status });
        h.rest.answerNext({ status: 503 }); // answered at 20; retried after the backoff, listed at 530
        at(10, () => h.ws.last.open());
        expectObservable(h.watch.live, '^ 3000ms !').toBe('f 529ms t', { t: true, f: false });
        flush();
        expect(timed.log.filter(([, kind]) => kind !== 'connecting')).toEqual([
          [10, 'open'],
          [10, 'listing'],
          [20, 'list-failed'],
          [530, 'synced'],
          [3001, 'closed'],
        ]);
      });
    });

    it('gives a late subscriber the current value at once', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'] });
        h.record(h.watch.cache, 1000); // holds the connection
        at(10, () => h.ws.last.open());
        const seen: [number, boolean][] = [];
        at(500, () => {
          const subscription = h.watch.live.subscribe((value) => seen.push([asyncScheduler.now(), value]));
          at(100, () => subscription.unsubscribe());
        });
        flush();
        expect(seen).toEqual([[500, true]]);
      });
    });
  });

  describe('settled, held while the watch is not live', () => {
    /**
     * A watch of services: web runs and api scales when listed at 20; api runs at `settleAt`;
     * the socket drops at `dropAt`, while web is removed and admin deployed; the retry opens at
     * 1010 and its listing takes 600 ms. Records what `watch.settled`, the same `settled` piped
     * with `live`, and an ungated `settled` emit, with the statuses.
     */
    function scenario(quietTime: number, settleAt: number, dropAt: number) {
      const timed = timedStatuses();
      const h = watchHarness({ kinds: ['service'], status: timed.status });
      h.rest.setListing('service', [serviceEvent('web', 'Running'), serviceEvent('api', 'Scaling')]);
      at(10, () => h.ws.last.open());
      at(settleAt, () => h.send(serviceEvent('api', 'Running')));
      at(dropAt, () => {
        h.ws.last.serverClose(1006);
        h.rest.setListing('service', [serviceEvent('api', 'Running'), serviceEvent('admin', 'Running')]);
        h.rest.latency = 600;
      });
      at(1010, () => h.ws.last.open()); // the retry (at 1000): listed at 1610
      const gated = h.record(h.watch.settled(quietTime), 4000, snapshot);
      const piped = h.record(h.watch.events.pipe(ofType('service'), settled(quietTime, { live: h.watch.live })), 4000, snapshot);
      const ungated = h.record(h.watch.events.pipe(settled(quietTime)), 4000, snapshot);
      return { h, log: timed.log, gated, piped, ungated };
    }

    it('does not fire while the socket is down, and fires quietTime after the resync, from the reconciled view', () => {
      scheduler.run(({ flush }) => {
        const { log, gated, piped, ungated } = scenario(500, 100, 300);
        flush();
        expect(outages(log)).toEqual([[300, 1610]]);
        // Ungated, the quiet time runs out at 600, in the outage: a configuration without admin.
        expect(ungated).toEqual([
          [600, 'api:Running web:Running'],
          [2110, 'admin:Running api:Running'],
        ]);
        expect(gated).toEqual([[2110, 'admin:Running api:Running']]);
        expect(piped).toEqual(gated);
      });
    });

    it('does not fire while the resync lists, and fires quietTime after it, from the reconciled view', () => {
      scheduler.run(({ flush }) => {
        const { log, gated, piped, ungated } = scenario(1000, 100, 200);
        flush();
        expect(outages(log)).toEqual([[200, 1610]]);
        // Ungated, the quiet time runs out at 1100, while the listing is in flight.
        expect(ungated).toEqual([
          [1100, 'api:Running web:Running'],
          [2610, 'admin:Running api:Running'],
        ]);
        expect(gated).toEqual([[2610, 'admin:Running api:Running']]);
        expect(piped).toEqual(gated);
      });
    });

    it('fires as settled does while nothing drops', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'] });
        h.rest.setListing('service', [serviceEvent('web', 'Running'), serviceEvent('api', 'Scaling')]);
        at(10, () => h.ws.last.open());
        at(100, () => h.send(serviceEvent('api', 'Running')));
        const gated = h.record(h.watch.settled(500), 2000, snapshot);
        const ungated = h.record(h.watch.events.pipe(settled(500)), 2000, snapshot);
        flush();
        expect(gated).toEqual([[600, 'api:Running web:Running']]);
        expect(ungated).toEqual(gated);
      });
    });

    it('checks quietTime at the call', () => {
      const h = watchHarness({ kinds: ['service'] });
      expect(() => h.watch.settled(-1)).toThrow(RangeError);
    });
  });
});
