import fc from 'fast-check';
import { map, pairwise, Subject, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { CloudEvent, ContainerEvent, ResourceEvent } from '../../lib/index.js';
import { resourceView, type ResourceView } from '../../lib/operators/resourceView.js';
import {
  actionEvent,
  authMessage,
  containerEvent,
  createEventTestScheduler,
  serviceEvent,
  unknownEvent,
  uri,
} from '../../lib/testing/index.js';

const C1 = '/api/app/v1/container/c1/';
const C2 = '/api/app/v1/container/c2/';
const S1 = '/api/app/v1/service/s1/';

/** Views as plain Maps, which marble assertions compare by content. */
function asMaps<E extends ResourceEvent>(views: Observable<ResourceView<E>>): Observable<Map<string, E>> {
  return views.pipe(map((view) => new Map(view)));
}

describe('resourceView', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('emits the latest event per resource after each event, keyed by normalized URI', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting', { parents: [uri('service', 's1')] });
      const b = serviceEvent('s1', 'Scaling');
      const c = containerEvent('c1', 'Running', { namespace: 'other' });
      const d = containerEvent('c2', 'Starting');
      const source = cold<CloudEvent>('a-b-c-d-|', { a, b, c, d });
      const expected = '               w-x-y-z-|';
      expectObservable(asMaps(source.pipe(resourceView()))).toBe(expected, {
        w: new Map([[C1, a]]),
        x: new Map<string, ResourceEvent>([
          [C1, a],
          [S1, b],
        ]),
        y: new Map<string, ResourceEvent>([
          [C1, c],
          [S1, b],
        ]),
        z: new Map<string, ResourceEvent>([
          [C1, c],
          [S1, b],
          [C2, d],
        ]),
      });
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('removes a resource at its end of life, and emits nothing for the end of an unknown one', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = actionEvent('a1', 'In progress', { parents: [uri('container', 'c1')] });
      const c = actionEvent('a1', 'Success');
      const d = containerEvent('c1', 'Stopped', { action: 'delete' });
      const e = containerEvent('c9', 'Terminated');
      const source = cold<CloudEvent>('a-b-c-d-e-|', { a, b, c, d, e });
      const expected = '               w-x-y-z---|';
      expectObservable(asMaps(source.pipe(resourceView()))).toBe(expected, {
        w: new Map([[C1, a]]),
        x: new Map<string, ResourceEvent>([
          [C1, a],
          ['/api/audit/v1/action/a1/', b],
        ]),
        y: new Map([[C1, a]]),
        z: new Map(),
      });
    });
  });

  it('emits for a new event equal in content, but not for the very object already stored', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a-a-b-|', { a, b });
      const expected = '               x---y-|';
      expectObservable(asMaps(source.pipe(resourceView()))).toBe(expected, { x: new Map([[C1, a]]), y: new Map([[C1, b]]) });
    });
  });

  it('drops control messages and unknown events', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = authMessage();
      const i = unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' });
      const c = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a-i-c-|', { a, i, c });
      expectObservable(asMaps(source.pipe(resourceView()))).toBe('----x-|', { x: new Map([[C1, c]]) });
    });
  });

  it('emits snapshots that never change afterwards', () => {
    const source = new Subject<ContainerEvent>();
    const views: ResourceView<ContainerEvent>[] = [];
    const pairs: [number, number][] = [];
    const view$ = source.pipe(resourceView());
    view$.subscribe((view) => views.push(view));
    view$.pipe(pairwise()).subscribe(([before, after]) => pairs.push([before.size, after.size]));
    const a = containerEvent('c1', 'Starting');
    const b = containerEvent('c1', 'Running');
    const c = containerEvent('c2', 'Running');
    const d = containerEvent('c1', 'Terminated');
    [a, b, c, d].forEach((e) => source.next(e));
    expect(views.map((v) => [...v.values()])).toEqual([[a], [b], expect.arrayContaining([b, c]), [c]]);
    expect(views[0]!.get(C1)).toBe(a);
    expect(views[1]!.get(C1)).toBe(b);
    expect(views[2]!.size).toBe(2);
    expect(views[3]!.has(C1)).toBe(false);
    expect(pairs).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
    expect(new Set(views).size).toBe(4);
  });

  it('completes on empty without emitting', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(resourceView())).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('never emits on never', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(resourceView())).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('passes an error through', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a-#', { a }, new Error('socket closed'));
      expectObservable(asMaps(source.pipe(resourceView()))).toBe('x-#', { x: new Map([[C1, a]]) }, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('unsubscribes from the source on early unsubscription', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c1', 'Running');
      const source = hot<CloudEvent>('  --a--b--a--|', { a, b });
      const subscription = '          ^----!       ';
      const expected = '              --x---       ';
      expectObservable(asMaps(source.pipe(resourceView())), subscription).toBe(expected, { x: new Map([[C1, a]]) });
      expectSubscriptions(source.subscriptions).toBe('^----!       ');
    });
  });

  it('ends with an empty view once every resource has reached its end of life', () => {
    const ids = ['c1', 'c2', 'c3', 's1'];
    const event = fc
      .tuple(fc.constantFrom(...ids), fc.constantFrom('Starting', 'Running', 'Stopped'), fc.constantFrom('create', 'update'))
      .map(([id, state, action]): ResourceEvent =>
        id.startsWith('s') ? serviceEvent(id, state as 'Running', { action }) : containerEvent(id, state as 'Running', { action }),
      );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 50 }), fc.boolean(), (events, useDelete) => {
        const source = new Subject<ResourceEvent>();
        let last: ResourceView<ResourceEvent> | undefined;
        const live = new Set<string>();
        source.pipe(resourceView()).subscribe((view) => (last = view));
        for (const e of events) {
          source.next(e);
          live.add(e.resource_uri);
          expect(last!.size).toBe(live.size);
        }
        for (const id of ids) {
          source.next(
            id.startsWith('s')
              ? serviceEvent(id, useDelete ? 'Running' : 'Terminated', { action: useDelete ? 'delete' : 'update' })
              : containerEvent(id, useDelete ? 'Running' : 'Terminated', { action: useDelete ? 'delete' : 'update' }),
          );
        }
        // With no event before, the ends of unknown resources change nothing and emit nothing.
        if (events.length === 0) expect(last).toBeUndefined();
        else expect(last!.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
