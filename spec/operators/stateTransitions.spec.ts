import fc from 'fast-check';
import type { TestScheduler } from 'rxjs/testing';
import { normalizeResourceUri, type CloudEvent, type ResourceEvent } from '../../lib/index.js';
import { stateTransitions, type StateTransition } from '../../lib/operators/stateTransitions.js';
import { TransitionTracker } from '../../lib/tracking/TransitionTracker.js';
import {
  actionEvent,
  containerEvent,
  createEventTestScheduler,
  errorMessage,
  nodeEvent,
  serviceEvent,
  unknownEvent,
  uri,
} from '../../lib/testing/index.js';

const C1 = '/api/app/v1/container/c1/';
const C2 = '/api/app/v1/container/c2/';

function transition<E extends ResourceEvent>(from: string | undefined, event: E, resource_uri: string): StateTransition {
  return { resource_uri, type: event.type, from, to: event.state, event } as StateTransition;
}

describe('stateTransitions', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('emits a transition when a resource changes state, with from undefined the first time', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c1', 'Running');
      const c = containerEvent('c1', 'Stopping');
      const source = cold<CloudEvent>('a-b-c-|', { a, b, c });
      const expected = '               x-y-z-|';
      expectObservable(source.pipe(stateTransitions())).toBe(expected, {
        x: transition(undefined, a, C1),
        y: transition('Starting', b, C1),
        z: transition('Running', c, C1),
      });
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('emits nothing for repeated updates in one state, nor for events without a state', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const b = containerEvent('c1', 'Running', { uuid: 'again' });
      const n = containerEvent('c1');
      const c = containerEvent('c1', 'Stopped');
      const source = cold<CloudEvent>('a-b-n-c-|', { a, b, n, c });
      const expected = '               x-----y-|';
      expectObservable(source.pipe(stateTransitions())).toBe(expected, {
        x: transition(undefined, a, C1),
        y: transition('Running', c, C1),
      });
    });
  });

  it('tracks each resource apart, and every URI form of one resource as one', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c2', 'Starting');
      // The Tutum form of c1's URI, and c1 in another namespace: the same resource.
      const c: ResourceEvent = { type: 'container', action: 'update', parents: [], resource_uri: '/api/v1/container/c1', state: 'Running' };
      const d = containerEvent('c1', 'Running', { namespace: 'other' });
      const source = cold<CloudEvent>('a-b-c-d-|', { a, b, c, d });
      const expected = '               x-y-z---|';
      expectObservable(source.pipe(stateTransitions())).toBe(expected, {
        x: transition(undefined, a, C1),
        y: transition(undefined, b, C2),
        z: transition('Starting', c, C1),
      });
    });
  });

  it('emits the final transition at end of life, then forgets the resource', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const t = containerEvent('c1', 'Terminated');
      const r = containerEvent('c1', 'Starting');
      const d = containerEvent('c1', 'Starting', { action: 'delete' });
      const s = actionEvent('a1', 'In progress');
      const u = actionEvent('a1', 'Success');
      const source = cold<CloudEvent>('a-t-r-d-s-u-|', { a, t, r, d, s, u });
      // After Terminated, c1 is new again (from undefined); a delete in the same state emits nothing.
      const expected = '               w-x-y---z-v-|';
      expectObservable(source.pipe(stateTransitions())).toBe(expected, {
        w: transition(undefined, a, C1),
        x: transition('Running', t, C1),
        y: transition(undefined, r, C1),
        z: transition(undefined, s, '/api/audit/v1/action/a1/'),
        v: transition('In progress', u, '/api/audit/v1/action/a1/'),
      });
    });
  });

  it("takes the delete that trails a Terminated update for the same life's last word, not a new resource", () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const t = containerEvent('c1', 'Terminated');
      const d = containerEvent('c1', 'Terminated', { action: 'delete' });
      const b = containerEvent('c2', 'Stopped');
      const e = containerEvent('c2', undefined, { action: 'delete' });
      const f = containerEvent('c2', 'Terminated', { action: 'delete' });
      const source = cold<CloudEvent>('a-t-d-b-e-f-|', { a, t, d, b, e, f });
      // c1: the delete ends nothing new and changes no state. c2: a delete without a state
      // ends its life in Stopped; a second delete saying Terminated is a change of that life.
      const expected = '               w-x---y---z-|';
      expectObservable(source.pipe(stateTransitions())).toBe(expected, {
        w: transition(undefined, a, C1),
        x: transition('Running', t, C1),
        y: transition(undefined, b, C2),
        z: transition('Stopped', f, C2),
      });
    });
  });

  it('remembers the last 1,024 resources that ended, and forgets older ones', () => {
    const tracker = new TransitionTracker();
    for (let i = 0; i < 2100; i++) tracker.track(containerEvent(`c${i}`, 'Terminated'));
    expect(tracker.size).toBe(0);
    // c0 was forgotten long ago: its delete is news again. The last 1,024 (c1076 to c2099)
    // are remembered: their deletes are not.
    expect(tracker.track(containerEvent('c0', 'Terminated', { action: 'delete' }))).toEqual(
      expect.objectContaining({ from: undefined, to: 'Terminated' }),
    );
    for (const i of [1076, 1500, 2099]) {
      expect(tracker.track(containerEvent(`c${i}`, 'Terminated', { action: 'delete' }))).toBeUndefined();
    }
  });

  it('drops control messages and unknown events', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const e = errorMessage('UNAUTHORIZED');
      const i = unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/', state: 'Running' });
      const n = nodeEvent('n1', 'Deployed');
      const source = cold<CloudEvent>('e-i-n-|', { e, i, n });
      const expected = '               ----x-|';
      expectObservable(source.pipe(stateTransitions())).toBe(expected, {
        x: transition(undefined, n, '/api/infra/v1/node/n1/'),
      });
    });
  });

  it('keeps each subscription independent', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = serviceEvent('s1', 'Running');
      const b = serviceEvent('s1', 'Stopped');
      const source = cold<CloudEvent>('a-b|', { a, b });
      const transitions = source.pipe(stateTransitions());
      const values = { x: transition(undefined, a, '/api/app/v1/service/s1/'), y: transition('Running', b, '/api/app/v1/service/s1/') };
      expectObservable(transitions).toBe('x-y|', values);
      expectObservable(transitions).toBe('x-y|', values);
    });
  });

  it('completes on empty', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(stateTransitions())).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('never emits on never', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(stateTransitions())).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('passes an error through, after the transitions before it', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a-#', { a }, new Error('socket closed'));
      expectObservable(source.pipe(stateTransitions())).toBe('x-#', { x: transition(undefined, a, C1) }, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('unsubscribes from the source on early unsubscription', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c1', 'Running');
      const source = hot<CloudEvent>('  --a--b--a--b--|', { a, b });
      const subscription = '          ^-------!       ';
      const expected = '              --x--y---       ';
      expectObservable(source.pipe(stateTransitions()), subscription).toBe(expected, {
        x: transition(undefined, a, C1),
        y: transition('Starting', b, C1),
      });
      expectSubscriptions(source.subscriptions).toBe('^-------!       ');
    });
  });
});

describe('TransitionTracker', () => {
  const ids = ['c1', 'c2', 'c3', 'c4'];
  const states = ['Starting', 'Running', 'Stopping', 'Stopped'] as const;
  const liveEvent = fc
    .tuple(
      fc.constantFrom(...ids),
      fc.option(fc.constantFrom(...states), { nil: undefined }),
      fc.constantFrom('create', 'update'),
      fc.boolean(),
    )
    .map(([id, state, action, otherForm]): ResourceEvent =>
      otherForm
        ? { type: 'container', action, parents: [], resource_uri: `/api/v1/container/${id}`, ...(state && { state }) }
        : containerEvent(id, state, { action, parents: [uri('service', 's1')] }),
    );
  const endOfLife = (id: string, kind: number): ResourceEvent =>
    kind === 0 ? containerEvent(id, 'Terminated') : containerEvent(id, kind === 1 ? 'Running' : undefined, { action: 'delete' });

  it('forgets every resource at its end of life, whatever came before (memory returns to zero)', () => {
    fc.assert(
      fc.property(
        fc.array(liveEvent, { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: ids.length, maxLength: ids.length }),
        (events, ends) => {
          const tracker = new TransitionTracker();
          const last = new Map<string, string>();
          for (const event of events) {
            const key = normalizeResourceUri(event.resource_uri);
            const t = tracker.track(event);
            const previous = last.get(key);
            if (event.state === undefined || event.state === previous) {
              expect(t).toBeUndefined();
            } else {
              expect(t).toEqual({ resource_uri: key, type: 'container', from: previous, to: event.state, event });
              last.set(key, event.state);
            }
            expect(tracker.size).toBe(last.size);
          }
          ids.forEach((id, i) => tracker.track(endOfLife(id, ends[i]!)));
          expect(tracker.size).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is what the operator uses: its transitions are the operator output', () => {
    const events = [containerEvent('c1', 'Starting'), containerEvent('c1', 'Starting'), containerEvent('c1', 'Terminated')];
    const tracker = new TransitionTracker();
    const direct = events.map((e) => tracker.track(e)).filter((t) => t !== undefined);
    expect(direct).toHaveLength(2);
    expect(tracker.size).toBe(0);
    createEventTestScheduler((a, e) => expect(a).toEqual(e)).run(({ cold, expectObservable }) => {
      const source = cold<CloudEvent>('abc|', { a: events[0]!, b: events[1]!, c: events[2]! });
      expectObservable(source.pipe(stateTransitions())).toBe('a-c|', { a: direct[0], c: direct[1] });
    });
  });
});
