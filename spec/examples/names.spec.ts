// Runs the names example of docs/resync.md on virtual time, against FakeRestApi.
import { Subject } from 'rxjs';
import type { CloudEvent } from '../../lib/index.js';
import { createEventTestScheduler, FakeRestApi, serviceEvent, uri } from '../../lib/testing/index.js';
import { at } from '../resync/support.js';
import { printServiceTransitions } from './names.example.js';

describe('the names example', () => {
  it('prints the URI until the name is known, then the stack and service names', () => {
    createEventTestScheduler().run(({ flush }) => {
      const rest = new FakeRestApi();
      const shop = uri('stack', 'a1b2');

      rest.setDetails(shop, { name: 'shop' });
      rest.setDetails(uri('service', 'c3d4'), { name: 'web' });
      const events = new Subject<CloudEvent>();
      const lines: string[] = [];
      printServiceTransitions(events, { restUrl: 'http://127.0.0.1:2', auth: 'none', fetch: rest.fetch }, (line) => lines.push(line));
      const first = serviceEvent('c3d4', 'Starting', { parents: [shop] });
      at(0, () => events.next(first));
      at(50, () => events.next(serviceEvent('c3d4', 'Running', { parents: [shop] })));
      flush();
      expect(lines).toEqual([`${first.resource_uri}: new → Starting`, 'shop/web: Starting → Running']);
    });
  });
});
