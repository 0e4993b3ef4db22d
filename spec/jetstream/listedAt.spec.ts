// What a relay publishes a synthetic event with: `listedAt`, the `Date` of the REST page it came
// from (the server's clock, the one the events' `datetime` is on), and the watch's own clock
// only when the server sends no usable `Date`; on virtual time.
import { asyncScheduler, from, map } from 'rxjs';
import type { RestFetch } from '../../lib/resync/RestFetch.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { createEventTestScheduler } from '../../lib/testing/createEventTestScheduler.js';
import { containerEvent } from '../../lib/testing/eventBuilders.js';
import { at, watchHarness, type WatchHarness } from '../resync/support.js';

const iso = (ms: number): string => new Date(ms).toISOString();
/** The server's clock: years away from the watch's (virtual time starts at the epoch), as the emulator's is. */
const SERVER = Date.parse('2016-02-01T16:47:00Z');
const serverSecond = (s: number): string => iso(SERVER + s * 1000);

const id = (event: WatchedEvent): string => event.resource_uri.split('/')[6]!;
const stamp = (event: WatchedEvent): [string, string, string | undefined] => [
  id(event),
  event.action,
  event.synthetic === true ? event.listedAt : event.datetime,
];

function run(test: (flush: () => void) => void): void {
  createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ flush }) => test(flush));
}

/** Every event of `h.watch.events` from the start. */
function collect(h: WatchHarness<'container'>, until = 6000): WatchedEvent[] {
  const events: WatchedEvent[] = [];
  h.record(h.watch.events, until, (event) => {
    events.push(event);
    return '';
  });
  return events;
}

describe('listedAt', () => {
  it("stamps each synthetic event with its page's Date (a missing resource with the first page's), and a late subscriber's replay with the cached event's", () => {
    run((flush) => {
      const h = watchHarness({ kinds: ['container'], pageSize: 2 });
      h.rest.latency = 600;
      h.rest.serverTime = () => SERVER + asyncScheduler.now();
      h.rest.setListing('container', [containerEvent('c1', 'Running'), containerEvent('c2', 'Running'), containerEvent('c3', 'Running')]);
      const events = collect(h);
      // Pages answered at 610 (server 16:47:00.610) and 1210 (16:47:01.210): HTTP dates have whole seconds.
      at(10, () => h.ws.last.open());
      at(1300, () => h.send(containerEvent('c1', 'Stopping', { datetime: '2016-02-01T16:47:01Z', uuid: 'u1' })));
      at(1400, () => {
        h.ws.last.serverClose(1006);
        h.rest.setListing('container', [containerEvent('c1', 'Stopped'), containerEvent('c3', 'Running'), containerEvent('c4', 'Running')]);
      });
      // Listed again: pages answered at 3610 (16:47:03) and 4210 (16:47:04).
      at(3000, () => h.ws.last.open());
      const late: WatchedEvent[] = [];
      at(5000, () =>
        h.record(h.watch.events, 500, (event) => {
          late.push(event);
          return '';
        }),
      );
      flush();
      expect(events.map(stamp)).toEqual([
        ['c1', 'create', serverSecond(0)],
        ['c2', 'create', serverSecond(0)],
        ['c3', 'create', serverSecond(1)],
        ['c1', 'update', '2016-02-01T16:47:01Z'],
        ['c1', 'update', serverSecond(3)],
        ['c4', 'create', serverSecond(4)],
        ['c2', 'delete', serverSecond(3)],
      ]);
      expect(late.map((e) => [id(e), e.action, e.synthetic, e.listedAt]).sort()).toEqual([
        ['c1', 'create', true, serverSecond(3)],
        ['c3', 'create', true, serverSecond(1)],
        ['c4', 'create', true, serverSecond(4)],
      ]);
    });
  });

  it("falls back to the watch's clock, when it asked for the page, when the server sends no Date", () => {
    run((flush) => {
      const h = watchHarness({ kinds: ['container'], pageSize: 1 });
      h.rest.serverTime = null;
      h.rest.setListing('container', [containerEvent('c1', 'Running'), containerEvent('c2', 'Running')]);
      const events = collect(h);
      at(10, () => h.ws.last.open()); // page 1 asked at 10, page 2 at 20 (latency 10)
      flush();
      expect(events.map(stamp)).toEqual([
        ['c1', 'create', iso(10)],
        ['c2', 'create', iso(20)],
      ]);
    });
  });

  it('reads a Date that is not a date, or a header reader that throws, as no Date', () => {
    for (const headers of [
      { get: () => 'yesterday, around noon' },
      {
        get: (): string => {
          throw new Error('hostile');
        },
      },
    ]) {
      run((flush) => {
        let inner: RestFetch | undefined;
        const h = watchHarness({
          kinds: ['container'],
          fetch: (url, init) =>
            from(inner!(url, init)).pipe(map((response) => ({ status: response.status, json: () => response.json(), headers }))),
        });
        inner = h.rest.fetch;
        h.rest.setListing('container', [containerEvent('c1', 'Running')]);
        const events = collect(h);
        at(10, () => h.ws.last.open());
        flush();
        expect(events.map(stamp)).toEqual([['c1', 'create', iso(10)]]);
      });
    }
  });
});
