// The names `dockercloud-rx events` prints, on virtual time against FakeRestApi: a line waits for
// the names of a resource first seen at most `wait` ms, in order; names outlive their resource's
// end for its last lines; a refused credential costs the names, never the events.
import { asyncScheduler, Subject } from 'rxjs';
import { ResourceNames } from '../../lib/cli/ResourceNames.js';
import { createDetailsCache } from '../../lib/details/createDetailsCache.js';
import type { CloudEvent, ResourceEvent } from '../../lib/index.js';
import { containerEvent, createEventTestScheduler, FakeRestApi, serviceEvent, uri } from '../../lib/testing/index.js';
import { at } from '../resync/support.js';

const WEB = uri('service', 'web');
const WEB_1 = uri('container', 'web-1');

function setup(rest: FakeRestApi, unavailable: unknown[] = []): ResourceNames {
  const cache = createDetailsCache({ restUrl: 'http://127.0.0.1:2', auth: 'none', fetch: rest.fetch, random: () => 0.5 });
  return new ResourceNames(cache, 300, (error) => unavailable.push(error));
}

describe('ResourceNames', () => {
  it('holds a line until the names of its resource and parent are known, in order, never longer than the wait', () => {
    createEventTestScheduler().run(({ flush }) => {
      const rest = new FakeRestApi();
      rest.setDetails(WEB, { name: 'web' });
      rest.setDetails(WEB_1, { name: 'web-1' });
      rest.latency = 50;
      const names = setup(rest);
      const events = new Subject<CloudEvent>();
      const out: [number, string][] = [];
      names.names(events).subscribe((event) => {
        const e = event as ResourceEvent;
        out.push([asyncScheduler.now(), `${names.label(e.resource_uri) ?? '?'} < ${names.label(e.parents[0] ?? '') ?? '-'}`]);
      });
      at(0, () => events.next(containerEvent('web-1', 'Starting', { parents: [WEB] })));
      // Behind the first: in order, even though its names are known by then.
      at(10, () => events.next(containerEvent('web-1', 'Running', { parents: [WEB] })));
      // A resource REST does not know (404): given up at once, printed with its id.
      at(100, () => events.next(containerEvent('gone', 'Running', { parents: [WEB] })));
      // A slow REST: the line goes after the wait.
      at(200, () => (rest.latency = 1000));
      at(200, () => events.next(serviceEvent('slow', 'Running')));
      // The end of a resource: its name is still shown, and nothing is fetched for it.
      at(2000, () => events.next(containerEvent('web-1', 'Terminated', { parents: [WEB] })));
      flush();
      expect(out).toEqual([
        [50, 'web-1 < web'],
        [50, 'web-1 < web'],
        [1100 - 1000 + 50, '? < web'],
        [500, '? < -'],
        [2000, 'web-1 < web'],
      ]);
    });
  });

  it('lets every event through, ids where names are missing, when REST refuses the credentials', () => {
    createEventTestScheduler().run(({ flush }) => {
      const rest = new FakeRestApi();
      rest.answerNext({ status: 401 });
      const unavailable: unknown[] = [];
      const names = setup(rest, unavailable);
      const out: string[] = [];
      const events = new Subject<CloudEvent>();
      names.names(events).subscribe((event) => out.push(`${asyncScheduler.now()} ${(event as ResourceEvent).state}`));
      at(0, () => events.next(serviceEvent('web', 'Running')));
      at(5, () => events.next(serviceEvent('web', 'Stopped')));
      at(20, () => events.next(serviceEvent('db', 'Running')));
      flush();
      // The first two waited for the refused request (10 ms); the third, after it, waits for nothing.
      expect(out).toEqual(['10 Running', '10 Stopped', '20 Running']);
      expect(unavailable).toHaveLength(1);
      expect(unavailable[0]).toMatchObject({ name: 'AuthError', kind: 'rest', status: 401 });
    });
  });
});
