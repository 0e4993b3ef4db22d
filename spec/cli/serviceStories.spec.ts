import type { TestScheduler } from 'rxjs/testing';
import { serviceStories, type ServiceStory } from '../../lib/cli/demo/serviceStories.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';
import { containerEvent, createEventTestScheduler, nodeEvent, serviceEvent, uri } from '../../lib/testing/index.js';

const S1 = uri('service', 's1');
const S2 = uri('service', 's2');
const K1 = normalizeResourceUri(S1);
const K2 = normalizeResourceUri(S2);

function transition(service: string, event: ResourceEvent, from: string | undefined, resync = false): ServiceStory {
  return {
    kind: 'transition',
    line: {
      service,
      transition: { resource_uri: normalizeResourceUri(event.resource_uri), type: event.type, from, to: event.state, event } as never,
      resync,
    },
  };
}

describe('serviceStories', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('groups by service the transitions of each service and of its containers, and tells a life when it ends', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = serviceEvent('s1', 'Running');
      const b = serviceEvent('s2', 'Running');
      const c = containerEvent('c1', 'Starting', { parents: [S1] });
      const d = containerEvent('c2', 'Starting', { parents: [S2] });
      const n = nodeEvent('n1', 'Deployed');
      const e = containerEvent('c1', 'Running', { parents: [S1] });
      const f = serviceEvent('s1', 'Terminated');
      const g = serviceEvent('s1', 'Terminated', { action: 'delete' });
      const h = containerEvent('c1', 'Stopped', { parents: [S1] });
      const source = hot<WatchedEvent>('-a-b-c-d-n-e-f-g-h-|', { a, b, c, d, n, e, f, g, h });
      expectObservable(serviceStories(source)).toBe('-A-B-C-D---E-(FL)--|', {
        A: transition(K1, a, undefined),
        B: transition(K2, b, undefined),
        C: transition(K1, c, undefined),
        D: transition(K2, d, undefined),
        E: transition(K1, e, 'Starting'),
        F: transition(K1, f, 'Running'),
        L: { kind: 'ended', service: K1, states: ['Running', 'Terminated'] },
        // g: the delete after Terminated belongs to s1's ended life and opens no group; h: s1 has no group.
      });
      // The services; then the containers under s1 until s1 ends, and under s2.
      expectSubscriptions(source.subscriptions).toBe(['^------------------!', '-^-----------!', '---^---------------!']);
    });
  });

  it('leaves out the first listing of a resync, and tags what a later one finds', () => {
    testScheduler.run(({ hot, expectObservable }) => {
      // The stream completing ends the groups, but not the service: no life is told.
      const listed: WatchedEvent = { ...serviceEvent('s1', 'Running', { action: 'create' }), synthetic: true };
      const live = serviceEvent('s1', 'Scaling', { datetime: '2016-02-01T16:00:00Z' });
      const relisted: WatchedEvent = { ...serviceEvent('s1', 'Running'), synthetic: true };
      const source = hot<WatchedEvent>('-a-b-c-|', { a: listed, b: live, c: relisted });
      expectObservable(serviceStories(source, { datetime: () => 'then' })).toBe('---B-C-|', {
        B: transition(K1, live, 'Running'),
        C: { kind: 'transition', line: { ...(transition(K1, relisted, 'Scaling', true) as { line: object }).line, datetime: 'then' } },
      });
    });
  });

  it('tells of a container and a service gone while disconnected (final state unknown), and ends the service', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = serviceEvent('s1', 'Running');
      const c = containerEvent('c1', 'Running', { parents: [S1] });
      // Synthetic deletions: the state is the last one known, how they ended is unknown.
      const goneContainer: WatchedEvent = {
        ...containerEvent('c1', 'Running', { action: 'delete', parents: [S1] }),
        synthetic: true,
        finalStateUnknown: true,
      };
      const goneService: WatchedEvent = {
        ...serviceEvent('s1', 'Running', { action: 'delete' }),
        synthetic: true,
        finalStateUnknown: true,
      };
      const later = containerEvent('c2', 'Starting', { parents: [S1] });
      const source = hot<WatchedEvent>('-a-c-x-y-l-|', { a, c, x: goneContainer, y: goneService, l: later });
      expectObservable(serviceStories(source, { datetime: () => 'then' })).toBe('-A-C-X-Y---|', {
        A: transition(K1, a, undefined),
        C: transition(K1, c, undefined),
        X: { kind: 'vanished', service: K1, event: goneContainer, datetime: 'then' },
        // No life told: its end is unknown. The later container has no service group.
        Y: { kind: 'vanished', service: K1, event: goneService, datetime: 'then' },
      });
      expectSubscriptions(source.subscriptions).toBe(['^----------!', '-^-----!']);
    });
  });
});
