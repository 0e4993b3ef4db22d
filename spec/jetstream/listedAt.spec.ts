// What a relay publishes a synthetic event with: `listedAt`, when the watch's listing started
// (the first listing since the stream last opened, however many times a page was retried),
// on virtual time.
import { createEventTestScheduler } from '../../lib/testing/createEventTestScheduler.js';
import { containerEvent } from '../../lib/testing/eventBuilders.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { at, watchHarness } from '../resync/support.js';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('listedAt', () => {
  it('stamps the synthetic events of each resync with the start of its listing, and the late subscriber replay with the cached event’s time', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ flush }) => {
      const h = watchHarness({ kinds: ['container'] });
      h.rest.setListing('container', [containerEvent('c1', 'Running'), containerEvent('c2', 'Running')]);
      const events: [number, WatchedEvent][] = [];
      h.record(h.watch.events, 3000, (event) => {
        events.push([0, event]);
        return '';
      });
      at(10, () => h.ws.last.open()); // listed at 10, answered at 20
      at(30, () => h.send(containerEvent('c1', 'Stopping', { datetime: '2026-01-01T00:00:00Z', uuid: 'u1' })));
      at(50, () => {
        h.ws.last.serverClose(1006);
        h.rest.setListing('container', [containerEvent('c1', 'Stopped')]);
      });
      at(1100, () => h.ws.last.open()); // listed again at 1100
      const late: WatchedEvent[] = [];
      at(2000, () =>
        h.record(h.watch.events, 500, (event) => {
          late.push(event);
          return '';
        }),
      );
      flush();
      expect(events.map(([, e]) => [e.resource_uri.split('/')[6], e.action, e.synthetic === true ? e.listedAt : e.datetime])).toEqual([
        ['c1', 'create', iso(10)],
        ['c2', 'create', iso(10)],
        ['c1', 'update', '2026-01-01T00:00:00Z'],
        ['c1', 'update', iso(1100)],
        ['c2', 'delete', iso(1100)],
      ]);
      expect(late.map((e) => [e.resource_uri.split('/')[6], e.action, e.synthetic, e.listedAt])).toEqual([
        ['c1', 'create', true, iso(1100)],
      ]);
    });
  });
});
