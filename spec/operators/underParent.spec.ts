import fc from 'fast-check';
import { from, Subject, take, type OperatorFunction } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import type { EventAction } from '../../lib/model/EventAction.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import type { ResourceType } from '../../lib/model/ResourceType.js';
import { ParentageGraph } from '../../lib/tracking/ParentageGraph.js';
import { underParent } from '../../lib/operators/underParent.js';
import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';
import {
  actionEvent,
  authMessage,
  containerEvent,
  createEventTestScheduler,
  errorMessage,
  nodeClusterEvent,
  nodeEvent,
  resourceEvent,
  serviceEvent,
  stackEvent,
  unknownEvent,
  uri,
} from '../../lib/testing/index.js';

describe('underParent', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const S1 = uri('service', 's1');
  const S2 = uri('service', 's2');
  const ST = uri('stack', 'st');
  const N1 = uri('node', 'n1');
  const NC = uri('nodecluster', 'nc');
  const C1 = uri('container', 'c1');
  const C2 = uri('container', 'c2');

  describe('direct parents', () => {
    const values: Record<string, CloudEvent> = {
      a: containerEvent('c1', 'Running', { parents: [S1, ST, N1, NC] }),
      b: containerEvent('c2', 'Running', { parents: [S2, ST, N1, NC] }),
      c: containerEvent('c3', 'Stopped', { parents: [S1] }),
      s: serviceEvent('s1', 'Scaling', { parents: [ST] }),
      t: serviceEvent('s2', 'Running', { parents: [ST] }),
      x: actionEvent('x1', 'Success', { parents: [C1] }),
      e: errorMessage('UNAUTHORIZED'),
      h: authMessage(),
      i: unknownEvent('image', { parents: [S1], resource_uri: '/api/repo/v1/image/i/' }),
    };

    it('keeps the events whose parents include the given one', () => {
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-s-x-|', values);
        const subs = '       ^----------!';
        const expected = '   -a---c-----|';
        expectObservable(source.pipe(underParent(S1))).toBe(expected, values);
        expectSubscriptions(source.subscriptions).toBe(subs);
      });
    });

    it('keeps the events under any of several parents', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-a-b-c-s-x-|', values);
        const expected = '   -a---c---x-|';
        expectObservable(source.pipe(underParent([S1, C1]))).toBe(expected, values);
        // c names its service only, and direct matching learns nothing.
        expectObservable(source.pipe(underParent(ST))).toBe('-a-b---s---|', values);
      });
    });

    it('drops control messages and unknown events, even with parents', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-e-h-i-a-|', values);
        const expected = '   -------a-|';
        expectObservable(source.pipe(underParent(S1))).toBe(expected, values);
      });
    });

    it("does not keep a parent's own events unless includeSelf", () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-s-a-t-b-|', values);
        expectObservable(source.pipe(underParent(S1))).toBe('---a-----|', values);
        expectObservable(source.pipe(underParent(S1, { includeSelf: true }))).toBe('-s-a-----|', values);
        expectObservable(source.pipe(underParent([S1, S2], { includeSelf: true }))).toBe('-s-a-t-b-|', values);
        expectObservable(source.pipe(underParent(S1, { includeSelf: false }))).toBe('---a-----|', values);
      });
    });

    it('does not learn: an action on a container is not under its service', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-a-x-|', values);
        expectObservable(source.pipe(underParent(S1))).toBe('-a---|', values);
      });
    });

    describe('matches URIs in any form', () => {
      // Every way a client or a server wrote the URI of service s1 (namespace `test`).
      const forms: [string, string | { kind: string; uuid: string; namespace?: string }][] = [
        ['namespaced', '/api/app/v1/test/service/s1/'],
        ['namespaced, no trailing slash', '/api/app/v1/test/service/s1'],
        ['plain', '/api/app/v1/service/s1/'],
        ['plain, no trailing slash', '/api/app/v1/service/s1'],
        ['Tutum', '/api/v1/service/s1/'],
        ['Tutum, no trailing slash', '/api/v1/service/s1'],
        ['with an origin', 'https://cloud.docker.com/api/app/v1/test/service/s1/'],
        ['a ResourceRef', { kind: 'service', uuid: 's1' }],
        ['a namespaced ResourceRef', { kind: 'service', uuid: 's1', namespace: 'test' }],
      ];
      const wire = forms.filter((form): form is [string, string] => typeof form[1] === 'string');

      it.each(forms)('given as %s, against every form on the wire', (_name, given) => {
        const events: Record<string, CloudEvent> = { z: containerEvent('other', 'Running', { parents: [S2] }) };
        wire.forEach(([, parent], i) => {
          events[String.fromCharCode(97 + i)] = containerEvent(`c${i}`, 'Running', { parents: [ST, parent] });
        });
        const keys = wire.map((_, i) => String.fromCharCode(97 + i)).join('');
        scheduler.run(({ cold, expectObservable }) => {
          const source = cold(`${keys}z|`, events);
          expectObservable(source.pipe(underParent(given))).toBe(`${keys}-|`, events);
        });
      });

      it("matches the event's own URI in any form with includeSelf", () => {
        const own: Record<string, CloudEvent> = {
          a: serviceEvent('s1', 'Running', { namespace: 'test' }),
          b: { ...serviceEvent('s1', 'Running'), resource_uri: '/api/v1/service/s1/' },
          c: { ...serviceEvent('s1', 'Running'), resource_uri: '/api/app/v1/service/s1' },
          d: serviceEvent('s2', 'Running'),
        };
        scheduler.run(({ cold, expectObservable }) => {
          const source = cold('abcd|', own);
          expectObservable(source.pipe(underParent('/api/v1/service/s1', { includeSelf: true }))).toBe('abc-|', own);
        });
      });

      it('matches actions under /api/audit/v1/', () => {
        const onAction: Record<string, CloudEvent> = {
          a: actionEvent('a1', 'In progress'),
          b: containerEvent('c1', 'Running', { parents: ['/api/audit/v1/action/a1/'] }),
          c: actionEvent('a2', 'In progress'),
          d: containerEvent('c2', 'Running', { parents: [uri('action', 'a2')] }),
        };
        scheduler.run(({ cold, expectObservable }) => {
          const source = cold('abcd|', onAction);
          const parent = '/api/audit/v1/test/action/a1';
          expectObservable(source.pipe(underParent(parent, { includeSelf: true }))).toBe('ab--|', onAction);
        });
      });

      it('keeps exactly the events with a parent whose normalised URI is a target, whatever the forms', () => {
        // The direct test compares the URIs in a target's given or canonical form as they are, and
        // normalises the others: both paths must give what comparing normalised URIs gives.
        const piece = fc.constantFrom('/', '//', 'api', 'app', 'v1', 'test', 'service', 'node', 's1', 's2', ' ', '?q', '#f', 'https://h');
        const anyUri = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));
        const given = fc.oneof(anyUri, fc.constantFrom(S1, '/api/v1/service/s1', ' /api/app/v1/test/service/s1/ '));
        fc.assert(
          fc.property(
            fc.array(fc.array(anyUri, { maxLength: 4 }), { maxLength: 20 }),
            given,
            fc.boolean(),
            (parentLists, target, includeSelf) => {
              const key = normalizeResourceUri(target);
              // Some events name the target as a parent, some are the target itself.
              const events: ResourceEvent[] = parentLists.map((parents, i) => ({
                ...containerEvent(`c${i}`, 'Running', { parents: [...parents, i % 3 === 0 ? target : S2] }),
                ...(i % 4 === 1 ? { resource_uri: target } : {}),
              }));
              const kept: CloudEvent[] = [];
              from(events)
                .pipe(underParent(target, { includeSelf }))
                .subscribe((event) => kept.push(event));
              const under = (uri: string): boolean => normalizeResourceUri(uri) === key;
              expect(kept).toEqual(events.filter((e) => e.parents.some(under) || (includeSelf && under(e.resource_uri))));
            },
          ),
        );
      });

      it('tells resources of different kinds with the same uuid apart', () => {
        const same: Record<string, CloudEvent> = {
          a: containerEvent('c1', 'Running', { parents: [uri('service', 'x')] }),
          b: containerEvent('c2', 'Running', { parents: [uri('node', 'x')] }),
        };
        scheduler.run(({ cold, expectObservable }) => {
          expectObservable(cold('ab|', same).pipe(underParent('/api/v1/node/x/'))).toBe('-b|', same);
        });
      });
    });
  });

  describe('transitive', () => {
    const values: Record<string, CloudEvent> = {
      s: serviceEvent('s1', 'Running', { parents: [ST] }),
      n: nodeEvent('n1', 'Deployed', { parents: [NC] }),
      c: containerEvent('c1', 'Starting', { action: 'create', parents: [S1, ST, N1, NC] }),
      r: containerEvent('c1', 'Running', { parents: [S1, ST, N1, NC] }),
      x: actionEvent('x1', 'In progress', { parents: [C1] }),
      y: actionEvent('x1', 'Success', { parents: [C1] }),
      o: actionEvent('x2', 'Pending', { parents: [C2] }),
      T: containerEvent('c1', 'Terminated', { parents: [S1, ST, N1, NC] }),
      D: containerEvent('c1', undefined, { action: 'delete', parents: [S1, ST, N1, NC] }),
      e: errorMessage('UNAUTHORIZED'),
    };

    it("keeps an action on a container under the container's service, stack, node and node cluster", () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-c-x-o-y-|', values);
        for (const parent of [S1, ST, N1, NC]) {
          expectObservable(source.pipe(underParent(parent, { transitive: true }))).toBe('-c-x---y-|', values);
        }
        expectObservable(source.pipe(underParent(C1, { transitive: true }))).toBe('---x---y-|', values);
      });
    });

    it('keeps an action under a stack through container and service learned from the stream', () => {
      // The container names only its service; the service names the stack.
      const chain: Record<string, CloudEvent> = {
        s: serviceEvent('s1', 'Running', { parents: [ST] }),
        c: containerEvent('c1', 'Running', { parents: [S1] }),
        x: actionEvent('x1', 'In progress', { parents: [C1] }),
        n: nodeEvent('n1', 'Deployed', { parents: [NC] }),
        d: containerEvent('c2', 'Running', { parents: [N1] }),
        z: actionEvent('x2', 'In progress', { parents: [C2] }),
      };
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-x-s-c-x-n-d-z-|', chain);
        const subs = '       ^--------------!';
        expectObservable(source.pipe(underParent(ST, { transitive: true }))).toBe('---s-c-x-------|', chain);
        expectObservable(source.pipe(underParent(NC, { transitive: true }))).toBe('---------n-d-z-|', chain);
        expectSubscriptions(source.subscriptions).toBe([subs, subs]);
      });
    });

    it('is not transitive by default', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-c-x-|', values);
        expectObservable(source.pipe(underParent(S1))).toBe('-c---|', values);
        expectObservable(source.pipe(underParent(S1, { transitive: false }))).toBe('-c---|', values);
      });
    });

    it('cannot place an action before an event of its container has passed', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-x-r-x-|', values);
        expectObservable(source.pipe(underParent(S1, { transitive: true }))).toBe('---r-x-|', values);
      });
    });

    it('forgets a container at the end of its life, keeping the last event itself', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const viaTerminated = cold('-c-x-T-x-|', values);
        expectObservable(viaTerminated.pipe(underParent(S1, { transitive: true }))).toBe('-c-x-T---|', values);
        const viaDelete = cold('-c-x-D-x-|', values);
        expectObservable(viaDelete.pipe(underParent(S1, { transitive: true }))).toBe('-c-x-D---|', values);
      });
    });

    it('learns the container again when it comes back', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-c-T-x-r-x-|', values);
        expectObservable(source.pipe(underParent(S1, { transitive: true }))).toBe('-c-T---r-x-|', values);
      });
    });

    it('follows a resource that changes parents', () => {
      const moving: Record<string, CloudEvent> = {
        a: containerEvent('c1', 'Running', { parents: [S1] }),
        b: containerEvent('c1', 'Running', { parents: [S2] }),
        x: actionEvent('x1', 'In progress', { parents: [C1] }),
      };
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-a-x-b-x-|', moving);
        expectObservable(source.pipe(underParent(S1, { transitive: true }))).toBe('-a-x-----|', moving);
        expectObservable(source.pipe(underParent(S2, { transitive: true }))).toBe('-----b-x-|', moving);
      });
    });

    it("keeps the parents' own events with includeSelf", () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-s-n-c-x-|', values);
        expectObservable(source.pipe(underParent(S1, { transitive: true, includeSelf: true }))).toBe('-s---c-x-|', values);
        expectObservable(source.pipe(underParent(S1, { transitive: true }))).toBe('-----c-x-|', values);
        expectObservable(source.pipe(underParent([ST, NC], { transitive: true }))).toBe('-s-n-c-x-|', values);
      });
    });

    it('survives cycles in the parentage the stream reports', () => {
      const A = uri('service', 'a');
      const B = uri('service', 'b');
      const cyclic: Record<string, CloudEvent> = {
        a: serviceEvent('a', 'Running', { parents: [B] }),
        b: serviceEvent('b', 'Running', { parents: [A] }),
        s: serviceEvent('self', 'Running', { parents: [uri('service', 'self')] }),
        c: containerEvent('c1', 'Running', { parents: [A] }),
        d: serviceEvent('b', 'Running', { parents: [A, ST] }),
      };
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-a-b-s-c-d-c-|', cyclic);
        // Nothing in the cycle reaches the stack until b names it; then all of the cycle does.
        expectObservable(source.pipe(underParent(ST, { transitive: true }))).toBe('---------d-c-|', cyclic);
        // The cycle does not put a resource under itself: only includeSelf keeps its own events.
        expectObservable(source.pipe(underParent(A, { transitive: true }))).toBe('---b---c-d-c-|', cyclic);
        expectObservable(source.pipe(underParent(uri('service', 'self'), { transitive: true }))).toBe('-------------|');
      });
    });

    it('drops control messages and keeps learning across them', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-c-e-x-|', values);
        expectObservable(source.pipe(underParent(ST, { transitive: true }))).toBe('-c---x-|', values);
      });
    });

    it('gives each subscription its own learned parentage', () => {
      scheduler.run(({ hot, cold, expectObservable }) => {
        const learned = cold('-c-x-|', values);
        const late = hot('   ----x-|', values);
        const operator = underParent(S1, { transitive: true });
        expectObservable(learned.pipe(operator)).toBe('-c-x-|', values);
        // The same operator, used on a stream that never told it about c1, keeps nothing.
        expectObservable(late.pipe(operator)).toBe('------|', values);
      });
    });

    describe('memory', () => {
      let reaches: jest.SpyInstance;
      beforeEach(() => {
        reaches = jest.spyOn(ParentageGraph.prototype, 'reaches');
      });
      afterEach(() => reaches.mockRestore());

      /** The graph of the one subscription under test, caught as it is first asked. */
      function graphOf(): ParentageGraph {
        const graph = reaches.mock.contexts[0] as ParentageGraph | undefined;
        if (graph === undefined) throw new Error('no graph was asked anything');
        return graph;
      }

      it('remembers live resources only, and nothing once they are all gone', () => {
        const events = new Subject<CloudEvent>();
        const kept: CloudEvent[] = [];
        events.pipe(underParent(NC, { transitive: true })).subscribe((e) => kept.push(e));
        events.next(values.s!);
        events.next(values.n!);
        events.next(values.c!);
        const graph = graphOf();
        expect(graph.size).toBe(3);
        expect(graph.parentsOf('/api/app/v1/container/c1/')).toEqual([
          '/api/app/v1/service/s1/',
          '/api/app/v1/stack/st/',
          '/api/infra/v1/node/n1/',
          '/api/infra/v1/nodecluster/nc/',
        ]);
        // Actions are never parents: they are not remembered, even while in progress.
        events.next(values.x!);
        expect(graph.size).toBe(3);
        events.next(values.y!);
        events.next(values.D!);
        expect(graph.size).toBe(2);
        events.next(serviceEvent('s1', 'Terminated', { parents: [ST] }));
        events.next(nodeEvent('n1', undefined, { action: 'delete', parents: [NC] }));
        expect(graph.size).toBe(0);
        expect(kept).toEqual([
          values.n,
          values.c,
          values.x,
          values.y,
          values.D,
          nodeEvent('n1', undefined, { action: 'delete', parents: [NC] }),
        ]);
      });

      it('does not remember resources without parents', () => {
        const events = new Subject<CloudEvent>();
        events.pipe(underParent(ST, { transitive: true, includeSelf: true })).subscribe();
        events.next(stackEvent('st', 'Running'));
        events.next(nodeClusterEvent('nc', 'Deployed'));
        expect(graphOf().size).toBe(0);
        events.next(serviceEvent('s1', 'Running', { parents: [ST] }));
        expect(graphOf().size).toBe(1);
        // A resource that loses its parents is forgotten.
        events.next(serviceEvent('s1', 'Running'));
        expect(graphOf().size).toBe(0);
      });

      it('returns to zero after any stream of creates and updates followed by the end of every resource', () => {
        const kinds: ResourceType[] = ['stack', 'service', 'container', 'nodecluster', 'node', 'action'];
        const resource = fc.record({ kind: fc.constantFrom(...kinds), id: fc.constantFrom('a', 'b', 'c', 'd') });
        const uriForm = fc.constantFrom(
          (kind: string, id: string) => uri(kind, id),
          (kind: string, id: string) => `/api/v1/${kind}/${id}`,
          (kind: string, id: string) => `/api/app/v1/${kind}/${id}/`,
        );
        const parentRef = fc.tuple(resource, uriForm).map(([r, form]) => form(r.kind, r.id));
        const liveEvent = fc.record({
          resource,
          action: fc.constantFrom<EventAction>('create', 'update'),
          state: fc.constantFrom(undefined, 'Running', 'Starting', 'Pending', 'In progress', 'Deployed'),
          parents: fc.array(parentRef, { maxLength: 4 }),
        });
        const ending = fc.constantFrom('delete', 'Terminated', 'Success', 'Failed', 'Canceled');

        fc.assert(
          fc.property(fc.array(liveEvent, { maxLength: 60 }), ending, parentRef, (stream, end, target) => {
            reaches.mockClear();
            const events: ResourceEvent[] = stream.map(
              ({ resource: r, action, state, parents }) =>
                // Over a union of kinds the builder cannot tie the state to the kind.
                resourceEvent(r.kind, r.id, state, { action, parents }) as ResourceEvent,
            );
            const seen = new Map<string, (typeof stream)[number]['resource']>();
            for (const { resource: r } of stream) seen.set(`${r.kind}/${r.id}`, r);
            for (const r of seen.values()) {
              // Terminated ends any resource; Success, Failed and Canceled end actions only.
              const how = r.kind !== 'action' && end !== 'delete' ? 'Terminated' : end;
              events.push(
                how === 'delete'
                  ? (resourceEvent(r.kind, r.id, undefined, { action: 'delete' }) as ResourceEvent)
                  : (resourceEvent(r.kind, r.id, how, { parents: [target] }) as ResourceEvent),
              );
            }
            // What the graph should hold after the live events: every resource but actions
            // whose last event named at least one parent.
            const lastParents = new Map<string, number>();
            for (const { resource: r, parents } of stream) {
              if (r.kind !== 'action') lastParents.set(`${r.kind}/${r.id}`, parents.length);
            }
            const expectedLive = [...lastParents.values()].filter((count) => count > 0).length;

            const subject = new Subject<CloudEvent>();
            subject.pipe(underParent(target, { transitive: true })).subscribe();
            const sizeNow = (): number => (reaches.mock.contexts[0] as ParentageGraph | undefined)?.size ?? 0;
            let peak = 0;
            events.forEach((event, i) => {
              subject.next(event);
              peak = Math.max(peak, sizeNow());
              if (i === stream.length - 1) expect(sizeNow()).toBe(expectedLive);
            });
            expect(peak).toBeLessThanOrEqual(lastParents.size);
            expect(sizeNow()).toBe(0);
          }),
          { numRuns: 300 },
        );
      });
    });
  });

  it('completes empty on an empty source', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(underParent(S1))).toBe('|');
      expectObservable(source.pipe(underParent(S1, { transitive: true }))).toBe('|');
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '(^!)']);
    });
  });

  it('never emits on a source that never emits', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(underParent(S1, { transitive: true }))).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('forwards the source error', () => {
    const values = { a: containerEvent('c1', 'Running', { parents: [S1] }), b: containerEvent('c2', 'Running') };
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-#', values, new Error('socket closed'));
      const subs = '       ^----!';
      const expected = '   -a---#';
      expectObservable(source.pipe(underParent(S1))).toBe(expected, values, new Error('socket closed'));
      expectObservable(source.pipe(underParent(S1, { transitive: true }))).toBe(expected, values, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe([subs, subs]);
    });
  });

  it('unsubscribes from the source when unsubscribed early', () => {
    const values = { a: containerEvent('c1', 'Running', { parents: [S1] }) };
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-a-a-a-|', values);
      const subs = '      ^----!    ';
      const unsub = '     -----!    ';
      const expected = '  -a-a-     ';
      expectObservable(source.pipe(underParent(S1, { transitive: true })), unsub).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('stops a synchronous source when the consumer stops early', () => {
    let pulled = 0;
    function* endless(): Generator<CloudEvent> {
      for (;;) yield containerEvent(`c${pulled++}`, 'Running', { parents: [S1] });
    }
    const seen: CloudEvent[] = [];
    from(endless())
      .pipe(underParent('/api/v1/service/s1', { transitive: true }), take(2))
      .subscribe((e) => seen.push(e));
    expect(seen).toHaveLength(2);
    expect(pulled).toBe(2);
  });

  describe('arguments: the parent or parents first, the options second, nothing guessed', () => {
    // From JavaScript, or past a cast: the checks a compiler cannot make for the caller.
    const untyped = underParent as unknown as (...args: unknown[]) => unknown;
    const values: Record<string, CloudEvent> = {
      a: containerEvent('c1', 'Running', { parents: [S1, ST] }),
      b: containerEvent('c2', 'Running', { parents: [S2, ST] }),
      c: containerEvent('c3', 'Stopped', { parents: [S1] }),
      s: serviceEvent('s1', 'Scaling', { parents: [ST] }),
      x: actionEvent('x1', 'Success', { parents: [C1] }),
    };
    const asOperator = (operator: unknown): OperatorFunction<CloudEvent, CloudEvent> =>
      operator as OperatorFunction<CloudEvent, CloudEvent>;
    const NOT_A_PARENT = new TypeError('underParent: parents: expected a resource URI or ResourceRef, or a non-empty array of them');

    it('takes one parent or an array of them, alike', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-a-b-c-s-x-|', values);
        expectObservable(source.pipe(underParent([S1]))).toBe('-a---c-----|', values);
        expectObservable(source.pipe(underParent(S1))).toBe('-a---c-----|', values);
        expectObservable(source.pipe(underParent([S1], { includeSelf: true }))).toBe('-a---c-s---|', values);
      });
    });

    it('throws a TypeError without a parent, or with something else in its place', () => {
      expect(() => untyped()).toThrow(NOT_A_PARENT);
      expect(() => untyped([])).toThrow(NOT_A_PARENT);
      expect(() => untyped({ transitive: true })).toThrow(NOT_A_PARENT);
      expect(() => untyped([S1, 42])).toThrow(NOT_A_PARENT);
      expect(() => untyped({ kind: 'service' })).toThrow(NOT_A_PARENT);
    });

    it('says how to write several parents when given them one after the other', () => {
      const asArray = new TypeError('underParent: options: expected an object; several parents go in one array');
      expect(() => untyped(S1, S2)).toThrow(asArray);
      expect(() => untyped(S1, { kind: 'service', uuid: 's2' }, { includeSelf: true })).toThrow(asArray);
    });

    it('throws a TypeError naming the option, and the one it most likely meant, on a typo', () => {
      expect(() => untyped(S1, { transitve: true })).toThrow(
        new TypeError('underParent: transitve: not an option (did you mean transitive?)'),
      );
      expect(() => untyped(S1, { IncludeSelf: true })).toThrow(/did you mean includeSelf\?/);
      expect(() => untyped(S1, { depth: 2 })).toThrow(new TypeError('underParent: depth: not an option'));
    });

    it('throws a TypeError on options of the wrong type, naming what came', () => {
      expect(() => untyped(S1, { includeSelf: 'yes' })).toThrow(
        new TypeError('underParent: includeSelf: expected a boolean, got a string "yes"'),
      );
      expect(() => untyped(S1, null)).toThrow(new TypeError('underParent: options: expected an object, got a null'));
      expect(() => untyped(S1, [true])).toThrow(/expected an object, got an array/);
    });

    it('takes options left undefined as their defaults', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('-a-b-c-s-x-|', values);
        expectObservable(source.pipe(asOperator(untyped(S1, undefined)))).toBe('-a---c-----|', values);
        expectObservable(source.pipe(asOperator(untyped(S1, { includeSelf: undefined })))).toBe('-a---c-----|', values);
      });
    });
  });
});
