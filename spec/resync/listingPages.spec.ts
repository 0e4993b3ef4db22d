// How a watch pages through each kind in one resync while the server changes under the pages,
// and how its failures are counted: requests to the fake REST API counted per kind.
import type { TestScheduler } from 'rxjs/testing';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';
import { actionEvent, containerEvent, createEventTestScheduler, serviceEvent } from '../../lib/testing/index.js';
import { at, snapshot, watchHarness, type WatchHarness } from './support.js';

type ListFailed = Extract<WatchStatus, { kind: 'list-failed' }>;

/** The passes over a kind's listing: its requests for a first page (no offset). */
function passes<K extends 'service' | 'container' | 'action'>(h: WatchHarness<K>, kind: string): number {
  return h.rest.requests.filter((r) => r.url.pathname.endsWith(`/${kind}/`) && r.url.searchParams.get('offset') === null).length;
}

describe('watchResources listing pages', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('lists a kind once however much changes under its pages: a moving total_count and resources ending meanwhile', () => {
    scheduler.run(({ flush }) => {
      const h = watchHarness({ kinds: ['service'], pageSize: 1 });
      h.rest.setListing(
        'service',
        ['a', 'b', 'c'].map((id) => serviceEvent(id, 'Running')),
      );
      const views = h.record(h.watch.cache, 2000, (view) => [...view.keys()].length.toString());
      at(10, () => h.ws.last.open());
      // A resource of the kind comes at every page (the count moves), and another ends.
      let n = 0;
      for (let ms = 15; ms < 100; ms += 10) {
        at(ms, () => {
          n += 1;
          h.send(serviceEvent(`gone-${n}`, 'Terminated'));
          h.rest.setListing('service', [
            ...['a', 'b', 'c'].map((id) => serviceEvent(id, 'Running')),
            ...Array.from({ length: n }, (_, i) => serviceEvent(`new-${i}`, 'Running')),
          ]);
        });
      }
      flush();
      expect(passes(h, 'service')).toBe(1);
      expect(views).toHaveLength(1);
      expect(h.statuses.filter((s) => s.kind === 'synced')).toHaveLength(1);
    });
  });

  it('lists actions once when an action finishes while they are paged through: a finished action stays listed', () => {
    scheduler.run(({ flush }) => {
      const h = watchHarness({ kinds: ['action'], pageSize: 1 });
      const listed = [actionEvent('a1', 'In progress'), actionEvent('a2', 'In progress'), actionEvent('a3', 'Pending')];
      h.rest.setListing('action', listed);
      const views = h.record(h.watch.cache, 500);
      at(10, () => h.ws.last.open());
      at(25, () => {
        h.send(actionEvent('a1', 'Success'), actionEvent('a2', 'Failed'), actionEvent('a3', 'Canceled'));
        h.rest.setListing('action', [actionEvent('a1', 'Success'), actionEvent('a2', 'Failed'), actionEvent('a3', 'Canceled')]);
      });
      flush();
      expect(passes(h, 'action')).toBe(1);
      expect(h.rest.requests).toHaveLength(3);
      expect(views).toHaveLength(1);
    });
  });

  it('lists a kind once, and skips none of its resources, when one of them is deleted while it is paged through', () => {
    scheduler.run(({ flush }) => {
      const h = watchHarness({ kinds: ['container'], pageSize: 1 });
      h.rest.setListing(
        'container',
        ['c1', 'c2', 'c3'].map((id) => containerEvent(id, 'Running')),
      );
      const views = h.record(h.watch.cache, 500, snapshot);
      at(10, () => h.ws.last.open());
      at(25, () => {
        h.send({ ...containerEvent('c1', 'Running'), action: 'delete' });
        h.rest.setListing(
          'container',
          ['c2', 'c3'].map((id) => containerEvent(id, 'Running')),
        );
      });
      flush();
      expect(passes(h, 'container')).toBe(1);
      expect(views).toEqual([[30, 'c2:Running c3:Running']]);
    });
  });

  it('counts list failures per kind, keeps the total, and names the kind in list-failed', () => {
    scheduler.run(({ flush }) => {
      const h = watchHarness({ kinds: ['service', 'container'] });
      const empty = { status: 200, body: { meta: { total_count: 0, next: null }, objects: [] } };
      // Both kinds are asked for at 10 (service first); the container's page fails twice, the service's once.
      h.rest.answerNext({ status: 503 }, { status: 502 });
      at(500, () => h.rest.answerNext(empty, { status: 500 }));
      h.record(h.watch.cache, 10_000);
      at(10, () => h.ws.last.open());
      flush();
      const failed = h.statuses.filter((s): s is ListFailed => s.kind === 'list-failed');
      expect(failed.map((s) => `${s.resourceKind} ${s.error.status}`)).toEqual(['service 503', 'container 502', 'container 500']);
      const synced = h.statuses.find((s) => s.kind === 'synced')!;
      expect(synced.counters.listFailures).toBe(3);
      expect(synced.counters.listFailuresByKind).toEqual({ service: 1, container: 2 });
      // Each status carries the counts as they were then, not a live object.
      expect(failed[0]!.counters.listFailuresByKind).toEqual({ service: 1 });
    });
  });
});
