import type { ContainerEvent, ResourceEvent } from '../../lib/index.js';
import { ResourceCache, type DropReason } from '../../lib/resync/ResourceCache.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { actionEvent, containerEvent, uri } from '../../lib/testing/index.js';

const C1 = '/api/app/v1/container/c1/';
const C2 = '/api/app/v1/container/c2/';
const C3 = '/api/app/v1/container/c3/';
const web = uri('service', 'web');

/** `10:00:<s>Z` of the test day. */
const at = (s: number): string => `2016-02-01T10:00:${String(s).padStart(2, '0')}Z`;

function setup(): { cache: ResourceCache<ResourceEvent>; dropped: [DropReason, string | undefined][] } {
  const dropped: [DropReason, string | undefined][] = [];
  const cache = new ResourceCache<ResourceEvent>((reason, event) => dropped.push([reason, event.state]));
  return { cache, dropped };
}

/** The cache's content as `{ key: state }`, a synthetic entry's state marked with `*`. */
function contents(cache: ResourceCache<ResourceEvent>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, event] of cache.view) out[key] = `${event.state ?? ''}${event.synthetic === true ? '*' : ''}`;
  return out;
}

/** A change as `action id state`, with `*` for synthetic and `?` for a final state unknown. */
function label(event: WatchedEvent): string {
  const id = event.resource_uri.split('/').filter(Boolean).pop();
  return `${event.action} ${id} ${event.state ?? '-'}${event.synthetic === true ? '*' : ''}${event.finalStateUnknown === true ? '?' : ''}`;
}

function apply(cache: ResourceCache<ResourceEvent>, ...events: ResourceEvent[]): string[] {
  const changes: WatchedEvent[] = [];
  for (const event of events) cache.apply(event, changes);
  return changes.map(label);
}

function reconcile(cache: ResourceCache<ResourceEvent>, listed: ResourceEvent[], buffered: ResourceEvent[] = []): string[] {
  const changes: WatchedEvent[] = [];
  cache.reconcile(listed, buffered, changes);
  return changes.map(label);
}

/** A listed object as the lister reads it: an `update` without uuid or datetime. */
const listed = (id: string, state: ContainerEvent['state'], parents: string[] = []): ContainerEvent =>
  containerEvent(id, state, { parents });

describe('ResourceCache', () => {
  describe('keyOfUri', () => {
    it('gives the key the cache holds for any form of a URI, again and again', () => {
      const { cache } = setup();
      apply(cache, containerEvent('c1', 'Running', { namespace: 'acme' }));
      const [held] = [...cache.view.keys()];
      expect(held).toBe(C1);
      for (let i = 0; i < 3; i++) expect(cache.keyOfUri('/api/app/v1/acme/container/c1/')).toBe(held);
      expect(cache.keyOfUri('https://cloud.docker.com/api/app/v1/container/c1')).toBe(C1);
      expect(cache.keyOfUri('/api/app/v1/container/c2')).toBe(C2);
    });
  });

  describe('apply', () => {
    it('keeps the latest event per resource and removes a resource at its end of life', () => {
      const { cache } = setup();
      expect(
        apply(
          cache,
          containerEvent('c1', 'Starting', { action: 'create' }),
          containerEvent('c1', 'Running'),
          containerEvent('c2', 'Running'),
        ),
      ).toEqual(['create c1 Starting', 'update c1 Running', 'update c2 Running']);
      expect(apply(cache, containerEvent('c1', 'Terminated'), containerEvent('c1', 'Terminated', { action: 'delete' }))).toEqual([
        'update c1 Terminated',
        'delete c1 Terminated', // not held any more, but the stream showed it: so does the watch
      ]);
      expect(contents(cache)).toEqual({ [C2]: 'Running' });
    });

    it('takes every URI form of a resource as one resource', () => {
      const { cache } = setup();
      apply(cache, containerEvent('c1', 'Running'), { ...containerEvent('c1', 'Stopped'), resource_uri: '/api/v1/container/c1' });
      expect(contents(cache)).toEqual({ [C1]: 'Stopped' });
    });

    it('drops and reports an event older than the latest applied to its resource', () => {
      const { cache, dropped } = setup();
      const changes = apply(
        cache,
        containerEvent('c1', 'Stopped', { datetime: at(5) }),
        containerEvent('c1', 'Running', { datetime: at(3) }),
        containerEvent('c1', 'Starting', { datetime: at(5) }), // the same second is not older
        containerEvent('c2', 'Running', { datetime: at(1) }), // another resource has its own clock
      );
      expect(changes).toEqual(['update c1 Stopped', 'update c1 Starting', 'update c2 Running']);
      expect(dropped).toEqual([['stale', 'Running']]);
    });

    it('drops a creation of a resource it holds: the creation came before what it knows', () => {
      const { cache, dropped } = setup();
      apply(cache, containerEvent('c1', 'Running'));
      expect(apply(cache, containerEvent('c1', 'Starting', { action: 'create' }))).toEqual([]);
      expect(dropped).toEqual([['stale', 'Starting']]);
    });

    it('drops the event it already applied (same uuid)', () => {
      const { cache, dropped } = setup();
      const event = containerEvent('c1', 'Running', { uuid: 'e1', datetime: at(1) });
      expect(apply(cache, event, { ...event })).toEqual(['update c1 Running']);
      expect(dropped).toEqual([['duplicate', 'Running']]);
    });

    it('treats events without a datetime (Tutum) as in order', () => {
      const { cache, dropped } = setup();
      expect(apply(cache, containerEvent('c1', 'Running', { datetime: at(9) }), containerEvent('c1', 'Stopped'))).toEqual([
        'update c1 Running',
        'update c1 Stopped',
      ]);
      expect(dropped).toEqual([]);
    });

    it('never changes a view it gave out', () => {
      const { cache } = setup();
      apply(cache, containerEvent('c1', 'Running'));
      const before = cache.view;
      apply(cache, containerEvent('c1', 'Stopped'), containerEvent('c2', 'Running'));
      expect([...before.values()].map((e) => e.state)).toEqual(['Running']);
      expect(cache.view).not.toBe(before);
    });
  });

  describe('reconcile', () => {
    it('emits a synthetic create for each listed resource it did not hold', () => {
      const { cache } = setup();
      expect(reconcile(cache, [listed('c1', 'Running', [web]), listed('c2', 'Stopped')])).toEqual([
        'create c1 Running*',
        'create c2 Stopped*',
      ]);
      expect(cache.view.get(C1)).toEqual({
        type: 'container',
        action: 'create',
        parents: [web],
        resource_uri: uri('container', 'c1'),
        state: 'Running',
        synthetic: true,
      });
    });

    it('emits a synthetic update for a resource whose state or parents changed, nothing for one unchanged', () => {
      const { cache } = setup();
      apply(cache, containerEvent('c1', 'Running'), containerEvent('c2', 'Running'), containerEvent('c3', 'Running'));
      expect(reconcile(cache, [listed('c1', 'Stopped'), listed('c2', 'Running', [web]), listed('c3', 'Running')])).toEqual([
        'update c1 Stopped*',
        'update c2 Running*',
      ]);
      expect(contents(cache)).toEqual({ [C1]: 'Stopped*', [C2]: 'Running*', [C3]: 'Running' });
    });

    it('deletes what vanished with its last known state, marked finalStateUnknown, without uuid or datetime', () => {
      const { cache } = setup();
      apply(cache, containerEvent('c1', 'Running', { uuid: 'e1', datetime: at(1), parents: [web] }), containerEvent('c2', 'Running'));
      const changes: WatchedEvent[] = [];
      cache.reconcile([listed('c2', 'Running')], [], changes);
      expect(changes).toEqual([
        {
          type: 'container',
          action: 'delete',
          parents: [web],
          resource_uri: uri('container', 'c1'),
          state: 'Running',
          synthetic: true,
          finalStateUnknown: true,
        },
      ]);
      expect(contents(cache)).toEqual({ [C2]: 'Running' });
    });

    it('deletes what vanished when the listing is as long as the cache: a resource listed twice or at its end counts once', () => {
      const { cache } = setup();
      apply(cache, containerEvent('c1', 'Running'), containerEvent('c2', 'Running'), containerEvent('c3', 'Running'));
      expect(reconcile(cache, [listed('c1', 'Running'), listed('c1', 'Running'), listed('c3', 'Running')])).toEqual([
        'delete c2 Running*?',
      ]);
      expect(reconcile(cache, [listed('c1', 'Running'), listed('c3', 'Terminated')])).toEqual(['delete c3 Running*?']);
      expect(contents(cache)).toEqual({ [C1]: 'Running' });
    });

    it('leaves out listed objects at their end of life (finished actions) and repeated ones (pages that overlapped)', () => {
      const { cache } = setup();
      const a1 = actionEvent('a1', 'Success', { parents: [uri('container', 'c1')] });
      const a2 = actionEvent('a2', 'In progress', { parents: [uri('container', 'c1')] });
      expect(reconcile(cache, [a1, a2, listed('c1', 'Running'), listed('c1', 'Running')])).toEqual([
        'create a2 In progress*',
        'create c1 Running*',
      ]);
    });

    describe('against the events that arrived while the listing was in flight', () => {
      it('takes a resource with such events from the events, not from the listing, and repeats nothing', () => {
        const { cache } = setup();
        apply(cache, containerEvent('c1', 'Running', { datetime: at(0) }));
        // While disconnected: c1 stopped. Listing in flight: c1 Starting (before the
        // snapshot, so the listing shows it), then Running (after it).
        const buffered = [containerEvent('c1', 'Starting', { datetime: at(5) }), containerEvent('c1', 'Running', { datetime: at(6) })];
        expect(reconcile(cache, [listed('c1', 'Starting')], buffered)).toEqual(['update c1 Starting', 'update c1 Running']);
        expect(contents(cache)).toEqual({ [C1]: 'Running' });
      });

      it('never lets the listing undo a newer event', () => {
        const { cache } = setup();
        // The snapshot was taken before c1 stopped; the Stopped event arrived before the listing did.
        expect(reconcile(cache, [listed('c1', 'Running')], [containerEvent('c1', 'Stopped', { datetime: at(5) })])).toEqual([
          'update c1 Stopped',
        ]);
        expect(contents(cache)).toEqual({ [C1]: 'Stopped' });
      });

      it('keeps a resource created after the snapshot, and removes one deleted after it with its real events', () => {
        const { cache } = setup();
        apply(cache, containerEvent('c2', 'Running'));
        const buffered = [
          containerEvent('c3', 'Starting', { action: 'create', datetime: at(5) }), // after the snapshot: not listed
          containerEvent('c2', 'Terminated', { datetime: at(6) }), // after the snapshot: still listed
          containerEvent('c2', 'Terminated', { action: 'delete', datetime: at(6) }),
        ];
        expect(reconcile(cache, [listed('c2', 'Running')], buffered)).toEqual([
          'create c3 Starting',
          'update c2 Terminated',
          'delete c2 Terminated',
        ]);
        expect(contents(cache)).toEqual({ [C3]: 'Starting' });
      });

      it('takes a resource that ended before the snapshot from its real end-of-life event, not a synthetic delete', () => {
        const { cache } = setup();
        apply(cache, containerEvent('c1', 'Running'));
        const buffered = [
          containerEvent('c1', 'Terminated', { datetime: at(5) }),
          containerEvent('c1', 'Terminated', { action: 'delete', datetime: at(5) }),
        ];
        expect(reconcile(cache, [], buffered)).toEqual(['update c1 Terminated', 'delete c1 Terminated']);
        expect(contents(cache)).toEqual({});
      });

      it('applies each resource’s events in datetime order, keeping the order between resources', () => {
        const { cache } = setup();
        const buffered = [
          containerEvent('c1', 'Running', { datetime: at(7) }),
          containerEvent('c2', 'Starting', { datetime: at(1) }),
          containerEvent('c1', 'Starting', { datetime: at(6) }),
        ];
        expect(reconcile(cache, [], buffered)).toEqual(['update c1 Starting', 'update c2 Starting', 'update c1 Running']);
      });

      it('does not let a stale event revive a resource the listing removed', () => {
        const { cache, dropped } = setup();
        apply(cache, containerEvent('c1', 'Stopped', { datetime: at(9) }));
        expect(reconcile(cache, [], [containerEvent('c1', 'Running', { datetime: at(2) })])).toEqual(['delete c1 Stopped*?']);
        expect(contents(cache)).toEqual({});
        expect(dropped).toEqual([['stale', 'Running']]);
      });
    });

    it('does not repeat, after a listing, an event whose state the listing showed', () => {
      const { cache, dropped } = setup();
      reconcile(cache, [listed('c1', 'Running')]);
      // The event that led to the listed state arrives late (sent before the snapshot).
      expect(apply(cache, containerEvent('c1', 'Running', { datetime: at(4) }))).toEqual([]);
      expect(dropped).toEqual([['reflected', 'Running']]);
      // …and it still moves the resource's clock: an older event is stale now.
      expect(
        apply(cache, containerEvent('c1', 'Starting', { datetime: at(3) }), containerEvent('c1', 'Stopping', { datetime: at(4) })),
      ).toEqual(['update c1 Stopping']);
    });
  });
});
