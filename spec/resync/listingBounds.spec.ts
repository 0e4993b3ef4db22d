// How often a watch lists each kind in one resync, whatever the server and the stream do
// meanwhile, and how its failures are counted: requests to the fake REST API counted per kind.
import { from, map } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { RestFetch, RestResponse } from '../../lib/resync/RestFetch.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';
import { actionEvent, containerEvent, createEventTestScheduler, serviceEvent } from '../../lib/testing/index.js';
import { at, watchHarness, type WatchHarness } from './support.js';

type ListFailed = Extract<WatchStatus, { kind: 'list-failed' }>;

/** The passes over a kind's listing: its requests for a first page (no offset). */
function passes<K extends 'service' | 'container' | 'action'>(h: WatchHarness<K>, kind: string): number {
  return h.rest.requests.filter((r) => r.url.pathname.endsWith(`/${kind}/`) && r.url.searchParams.get('offset') === null).length;
}

/** A fetch whose listings say one more `total_count` on every page but the first, as if a resource came at each page. */
function movingCounts(fetch: RestFetch): RestFetch {
  return (url, init) =>
    from(fetch(url, init)).pipe(
      map((response): RestResponse => ({
        status: response.status,
        json: () => {
          const body = response.json() as { meta?: { offset?: number; total_count?: number } };
          if (body.meta !== undefined && (body.meta.offset ?? 0) > 0) body.meta.total_count = (body.meta.total_count ?? 0) + 1;
          return body;
        },
      })),
    );
}

describe('watchResources listing bounds', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('lists a kind at most 4 times in one resync (once, then up to 3 times again), however both reasons to list again combine', () => {
    scheduler.run(({ flush }) => {
      let wrapped: RestFetch | undefined;
      const h = watchHarness({ kinds: ['service'], pageSize: 1, fetch: (url, init) => wrapped!(url, init) });
      wrapped = movingCounts(h.rest.fetch);
      h.rest.setListing(
        'service',
        ['a', 'b', 'c'].map((id) => serviceEvent(id, 'Running')),
      );
      const views = h.record(h.watch.cache, 2000);
      at(10, () => h.ws.last.open());
      // A resource of the kind ends while every pass is paged through, and every pass sees its count move.
      for (let ms = 12; ms < 1000; ms += 5) at(ms, () => h.send(serviceEvent(`gone-${ms}`, 'Terminated')));
      flush();
      expect(passes(h, 'service')).toBe(4);
      expect(h.rest.requests).toHaveLength(12);
      expect(views).toHaveLength(1);
      expect(h.statuses.filter((s) => s.kind === 'synced')).toHaveLength(1);
    });
  });

  it('starts the count again at the next resync: a reconnect lists at most 4 times more', () => {
    scheduler.run(({ flush }) => {
      let wrapped: RestFetch | undefined;
      const h = watchHarness({ kinds: ['service'], pageSize: 1, fetch: (url, init) => wrapped!(url, init) });
      wrapped = movingCounts(h.rest.fetch);
      h.rest.setListing(
        'service',
        ['a', 'b'].map((id) => serviceEvent(id, 'Running')),
      );
      h.record(h.watch.cache, 5000);
      at(10, () => h.ws.last.open());
      at(500, () => h.ws.last.serverClose(1006));
      at(2000, () => h.ws.last.open());
      flush();
      expect(h.statuses.filter((s) => s.kind === 'synced')).toHaveLength(2);
      expect(passes(h, 'service')).toBe(8);
    });
  });

  it('does not list actions again when an action finishes while they are paged through: a finished action stays listed', () => {
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

  it('still lists a kind again when one of its resources was deleted while it was paged through', () => {
    scheduler.run(({ flush }) => {
      const h = watchHarness({ kinds: ['container'], pageSize: 1 });
      h.rest.setListing(
        'container',
        ['c1', 'c2', 'c3'].map((id) => containerEvent(id, 'Running')),
      );
      h.record(h.watch.cache, 500);
      at(10, () => h.ws.last.open());
      at(25, () => {
        h.send({ ...containerEvent('c1', 'Running'), action: 'delete' });
        h.rest.setListing(
          'container',
          ['c2', 'c3'].map((id) => containerEvent(id, 'Running')),
        );
      });
      flush();
      expect(passes(h, 'container')).toBe(2);
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
