import fc from 'fast-check';
import { delay, endWith, map, mergeMap, Observable, Subject, take, type SchedulerLike, type Subscription } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { normalizeResourceUri, type CloudEvent, type ContainerEvent, type ResourceEvent } from '../../lib/index.js';
import { groupByResource, type GroupByResourceOptions, type ResourceGroup } from '../../lib/operators/groupByResource.js';
import { actionEvent, authMessage, containerEvent, createEventTestScheduler, serviceEvent, unknownEvent } from '../../lib/testing/index.js';

const C1 = '/api/app/v1/container/c1/';
const C2 = '/api/app/v1/container/c2/';

/** Every group's events as `[key, state]`, and `[key, 'end']` when a group completes. */
function contents(options?: GroupByResourceOptions) {
  return (source: Observable<CloudEvent>): Observable<readonly [string, string | undefined]> =>
    source.pipe(
      groupByResource(options),
      mergeMap((group) =>
        group.pipe(
          map((event) => [group.key, event.state] as const),
          endWith([group.key, 'end'] as const),
        ),
      ),
    );
}

function counting(scheduler: SchedulerLike): SchedulerLike & { scheduled: number } {
  const counter = {
    scheduled: 0,
    now: () => scheduler.now(),
    schedule: ((...args: Parameters<SchedulerLike['schedule']>) => {
      counter.scheduled++;
      return scheduler.schedule(...args);
    }) as SchedulerLike['schedule'],
  };
  return counter;
}

describe('groupByResource', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('emits one group per resource, keyed by normalized URI, with that resource’s events', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c2', 'Starting');
      const c: ResourceEvent = { type: 'container', action: 'update', parents: [], resource_uri: '/api/v1/container/c1', state: 'Running' };
      const source = cold<CloudEvent>('a-b-c-|', { a, b, c });
      const expected = '               x-y---|';
      const groups = source.pipe(groupByResource());
      expectObservable(groups.pipe(map((group) => group.key))).toBe(expected, { x: C1, y: C2 });
      expectObservable(source.pipe(contents())).toBe('A-B-C-(DE|)', {
        A: [C1, 'Starting'],
        B: [C2, 'Starting'],
        C: [C1, 'Running'],
        D: [C1, 'end'],
        E: [C2, 'end'],
      });
      expectSubscriptions(source.subscriptions).toBe(['^-----!', '^-----!']);
    });
  });

  it('emits groups that are Observables with their resource’s key, and no feeding methods a user could call', () => {
    const groups: unknown[] = [];
    const source = new Subject<CloudEvent>();
    source.pipe(groupByResource()).subscribe((group) => groups.push(group));
    source.next(containerEvent('c1', 'Running'));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toBeInstanceOf(Observable);
    expect((groups[0] as ResourceGroup<ContainerEvent>).key).toBe(C1);
    // The operator's own methods exist at run time, but the public type does not name them.
    // @ts-expect-error deliver is internal: ResourceGroup is an interface without it.
    expect(typeof (groups[0] as ResourceGroup<ContainerEvent>).deliver).toBe('function');
  });

  it('completes a group right after its end-of-life event; a later event opens a new group', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c2', 'Starting');
      const c = containerEvent('c1', 'Running');
      const d = containerEvent('c1', 'Terminated');
      const e = containerEvent('c1', 'Starting');
      const source = cold<CloudEvent>('a 9ms b 9ms c 9ms d 9ms   e 9ms |', { a, b, c, d, e });
      const expected = '               A 9ms B 9ms C 9ms (DE) 6ms F 9ms (GH|)';
      expectObservable(source.pipe(contents())).toBe(expected, {
        A: [C1, 'Starting'],
        B: [C2, 'Starting'],
        C: [C1, 'Running'],
        D: [C1, 'Terminated'],
        E: [C1, 'end'],
        F: [C1, 'Starting'],
        G: [C2, 'end'],
        H: [C1, 'end'],
      });
      expectObservable(
        source.pipe(
          groupByResource(),
          map((group) => group.key),
        ),
      ).toBe('x 9ms y 29ms x 9ms |', { x: C1, y: C2 });
    });
  });

  it('opens and completes a group for a resource first seen at its end of life (a delete, an action’s end)', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const d = serviceEvent('s1', 'Stopped', { action: 'delete' });
      const s = actionEvent('a1', 'Success');
      const source = cold<CloudEvent>('d---s---|', { d, s });
      expectObservable(source.pipe(contents())).toBe('(AB)(CD)|', {
        A: ['/api/app/v1/service/s1/', 'Stopped'],
        B: ['/api/app/v1/service/s1/', 'end'],
        C: ['/api/audit/v1/action/a1/', 'Success'],
        D: ['/api/audit/v1/action/a1/', 'end'],
      });
    });
  });

  it('opens no group for the delete that trails the Terminated update that ended a group', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Running');
      const t = containerEvent('c1', 'Terminated');
      const d = containerEvent('c1', 'Terminated', { action: 'delete' });
      const r = containerEvent('c1', 'Starting');
      const source = cold<CloudEvent>('a-t-d-r-|', { a, t, d, r });
      // d belongs to the life t ended; r starts a new one, with a group of its own.
      expectObservable(source.pipe(contents())).toBe('A-(BC)D-(E|)', {
        A: [C1, 'Running'],
        B: [C1, 'Terminated'],
        C: [C1, 'end'],
        D: [C1, 'Starting'],
        E: [C1, 'end'],
      });
      expectObservable(
        source.pipe(
          groupByResource(),
          map((group) => group.key),
        ),
      ).toBe('x-----x-|', { x: C1 });
    });
  });

  it('drops control messages and unknown events', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = authMessage();
      const i = unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' });
      const c = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a-i-c-|', { a, i, c });
      expectObservable(source.pipe(contents())).toBe('----A-(B|)', { A: [C1, 'Running'], B: [C1, 'end'] });
    });
  });

  it('has hot groups: events before a group is subscribed are lost', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c1', 'Running');
      const c = containerEvent('c1', 'Stopped');
      const source = cold<CloudEvent>('a--b------c-|', { a, b, c });
      const late = source.pipe(
        groupByResource(),
        delay(5),
        mergeMap((group) => group.pipe(map((event) => event.state))),
      );
      expectObservable(late).toBe('----------c-|', { c: 'Stopped' });
    });
  });

  describe('with idle', () => {
    it('completes a group that received no event for idle ms; a later event opens a new group', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const a = containerEvent('c1', 'Starting');
        const b = containerEvent('c1', 'Running');
        const c = containerEvent('c1', 'Stopped');
        const source = cold<CloudEvent>('a 49ms b 249ms         c 199ms       |', { a, b, c });
        const expected = '               A 49ms B 99ms E 149ms C 99ms E 99ms |';
        expectObservable(source.pipe(contents({ idle: 100 }))).toBe(expected, {
          A: [C1, 'Starting'],
          B: [C1, 'Running'],
          C: [C1, 'Stopped'],
          E: [C1, 'end'],
        });
      });
    });

    it('opens a group for an end-of-life event after a group that ended idle (only an end of life ends a life)', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const a = containerEvent('c1', 'Running');
        const t = containerEvent('c1', 'Terminated');
        const source = cold<CloudEvent>('a 199ms t 9ms |', { a, t });
        expectObservable(source.pipe(contents({ idle: 100 }))).toBe('A 99ms E 99ms (TE) 6ms |', {
          A: [C1, 'Running'],
          T: [C1, 'Terminated'],
          E: [C1, 'end'],
        });
      });
    });

    it('opens a group for an end of life in a new life whose group ended idle', () => {
      // The first life's end is remembered; the second life's group ends idle, not by an end
      // of life, so the end that follows is the second life's, and opens a group of its own.
      testScheduler.run(({ cold, expectObservable }) => {
        const t = containerEvent('c1', 'Terminated');
        const a = containerEvent('c1', 'Running');
        const source = cold<CloudEvent>('t 9ms a 199ms t 9ms |', { a, t });
        expectObservable(source.pipe(contents({ idle: 100 }))).toBe('(TE) 6ms A 99ms E 99ms (TE) 6ms |', {
          A: [C1, 'Running'],
          T: [C1, 'Terminated'],
          E: [C1, 'end'],
        });
      });
    });

    it('keeps one idle check per group, rescheduled rather than replaced on each event', () => {
      const scheduler = counting(testScheduler);
      testScheduler.run(({ cold, expectObservable }) => {
        const a = containerEvent('c1', 'Starting');
        const b = containerEvent('c1', 'Running');
        const c = containerEvent('c2', 'Running');
        const source = cold<CloudEvent>('a 9ms b 9ms a 9ms b 9ms c 299ms |', { a, b, c });
        expectObservable(
          source.pipe(
            contents({ idle: 100, scheduler }),
            map(([key, state]) => `${key}:${state}`),
          ),
        ).toBe('a 9ms b 9ms a 9ms b 9ms c 89ms e 9ms f 199ms |', {
          a: `${C1}:Starting`,
          b: `${C1}:Running`,
          c: `${C2}:Running`,
          e: `${C1}:end`,
          f: `${C2}:end`,
        });
      });
      expect(scheduler.scheduled).toBe(2);
    });

    it('rejects a negative or NaN idle', () => {
      expect(() => groupByResource({ idle: -1 })).toThrow(RangeError);
      expect(() => groupByResource({ idle: NaN })).toThrow(RangeError);
      expect(() => groupByResource({ idle: 0 })).not.toThrow();
      expect(() => groupByResource({ idle: Infinity })).not.toThrow();
    });
  });

  it('on source error, errors every open group, then the output', () => {
    const source = new Subject<CloudEvent>();
    const log: string[] = [];
    source.pipe(groupByResource()).subscribe({
      next: (group) =>
        group.subscribe({
          next: (event) => log.push(`${group.key} ${event.state}`),
          error: (error: Error) => log.push(`${group.key} error ${error.message}`),
        }),
      error: (error: Error) => log.push(`output error ${error.message}`),
    });
    source.next(containerEvent('c1', 'Running'));
    source.next(containerEvent('c2', 'Running'));
    source.next(containerEvent('c2', 'Terminated'));
    source.error(new Error('boom'));
    expect(log).toEqual([`${C1} Running`, `${C2} Running`, `${C2} Terminated`, `${C1} error boom`, 'output error boom']);
  });

  it('on source completion, completes every open group, then the output', () => {
    const source = new Subject<CloudEvent>();
    const log: string[] = [];
    source.pipe(groupByResource()).subscribe({
      next: (group) => group.subscribe({ complete: () => log.push(`${group.key} complete`) }),
      complete: () => log.push('output complete'),
    });
    source.next(containerEvent('c1', 'Running'));
    source.next(containerEvent('c2', 'Running'));
    source.complete();
    expect(log).toEqual([`${C1} complete`, `${C2} complete`, 'output complete']);
  });

  it('completes on empty', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('|');
      expectObservable(source.pipe(groupByResource())).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('never emits on never', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('-');
      expectObservable(source.pipe(groupByResource())).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('passes an error through the groups and the output', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a-#', { a }, new Error('socket closed'));
      expectObservable(source.pipe(contents())).toBe('A-#', { A: [C1, 'Running'] }, new Error('socket closed'));
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('unsubscribes from the source on early unsubscription of the output and its groups', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c2', 'Starting');
      const source = hot<CloudEvent>('  -a-b-a-b-|', { a, b });
      const subscription = '          ^----!     ';
      expectObservable(source.pipe(contents()), subscription).toBe('-A-B-', { A: [C1, 'Starting'], B: [C2, 'Starting'] });
      expectSubscriptions(source.subscriptions).toBe('^----!     ');
    });
  });

  describe('unsubscription, as with groupBy', () => {
    it('keeps the source while a group is subscribed after the output is unsubscribed', () => {
      const received: string[] = [];
      testScheduler.run(({ hot, expectSubscriptions }) => {
        const a = containerEvent('c1', 'Starting');
        const b = containerEvent('c2', 'Starting');
        const c = containerEvent('c1', 'Running');
        const source = hot<CloudEvent>('-a-b-c-c-|', { a, b, c });
        let groupSubscription: Subscription | undefined;
        const outer = source.pipe(groupByResource()).subscribe((group) => {
          if (group.key === C1) groupSubscription = group.subscribe((event) => received.push(`${testScheduler.now()} ${event.state}`));
        });
        testScheduler.schedule(() => outer.unsubscribe(), 4);
        testScheduler.schedule(() => groupSubscription!.unsubscribe(), 6);
        expectSubscriptions(source.subscriptions).toBe('^-----!');
      });
      // The c1 group still received the event at frame 5, after the output was gone.
      expect(received).toEqual(['1 Starting', '5 Running']);
    });

    it('unsubscribes from the source at once when the output goes and no group is subscribed', () => {
      testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const a = containerEvent('c1', 'Starting');
        const source = hot<CloudEvent>('-a-a-a-|', { a });
        expectObservable(
          source.pipe(
            groupByResource(),
            map((group) => group.key),
          ),
          '^--!',
        ).toBe('-x-', { x: C1 });
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('keeps the source while the output is subscribed, though every group subscriber left', () => {
      testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const a = containerEvent('c1', 'Starting');
        const b = containerEvent('c2', 'Running');
        const source = hot<CloudEvent>('-a-a-b-|', { a, b });
        // Each group's subscriber leaves after the group's first event.
        const once = source.pipe(
          groupByResource(),
          mergeMap((group) =>
            group.pipe(
              take(1),
              map((event) => `${group.key} ${event.state}`),
            ),
          ),
        );
        expectObservable(once).toBe('-x---y-|', { x: `${C1} Starting`, y: `${C2} Running` });
        expectSubscriptions(source.subscriptions).toBe('^------!');
      });
    });

    it('lets a late subscriber to a completed group complete at once, without holding the source', () => {
      const source = new Subject<CloudEvent>();
      const groups: ResourceGroup<ResourceEvent>[] = [];
      const outer = source.pipe(groupByResource()).subscribe((group) => groups.push(group));
      source.next(containerEvent('c1', 'Terminated'));
      let completed = false;
      groups[0]!.subscribe({ complete: () => (completed = true) });
      expect(completed).toBe(true);
      outer.unsubscribe();
      expect(source.observed).toBe(false);
    });

    it('delivers to every subscriber of a group, and to none that left', () => {
      const source = new Subject<CloudEvent>();
      const log: string[] = [];
      let group: ResourceGroup<ResourceEvent> | undefined;
      source.pipe(groupByResource()).subscribe((g) => (group = g));
      source.next(containerEvent('c1', 'Starting'));
      const first = group!.subscribe((e) => log.push(`first ${e.state}`));
      group!.subscribe({ next: (e) => log.push(`second ${e.state}`), complete: () => log.push('second end') });
      const third = group!.subscribe((e) => log.push(`third ${e.state}`));
      source.next(containerEvent('c1', 'Running'));
      first.unsubscribe();
      third.unsubscribe();
      source.next(containerEvent('c1', 'Stopped'));
      source.next(containerEvent('c1', 'Terminated'));
      expect(log).toEqual(['first Running', 'second Running', 'third Running', 'second Stopped', 'second Terminated', 'second end']);
    });

    it('releases the source when the last of several group subscribers leaves after the output', () => {
      const source = new Subject<CloudEvent>();
      const groups: ResourceGroup<ResourceEvent>[] = [];
      const outer = source.pipe(groupByResource()).subscribe((g) => groups.push(g));
      source.next(containerEvent('c1', 'Starting'));
      source.next(containerEvent('c2', 'Starting'));
      const left = groups[0]!.subscribe();
      const a = groups[0]!.subscribe();
      const b = groups[1]!.subscribe();
      // One leaves while the output is still there: it no longer counts.
      left.unsubscribe();
      outer.unsubscribe();
      expect(source.observed).toBe(true);
      a.unsubscribe();
      expect(source.observed).toBe(true);
      // A subscriber that comes after the output left counts too.
      const late = groups[1]!.subscribe();
      b.unsubscribe();
      expect(source.observed).toBe(true);
      late.unsubscribe();
      expect(source.observed).toBe(false);
    });
  });

  it('completes every group once every resource reached its end of life (no open group is left)', () => {
    const ids = ['c1', 'c2', 'c3', 's1'];
    const event = fc
      .tuple(fc.constantFrom(...ids), fc.constantFrom('Starting', 'Running', 'Stopped'), fc.boolean())
      .map(([id, state, otherForm]): ResourceEvent => {
        const type = id.startsWith('s') ? 'service' : 'container';
        return otherForm
          ? { type, action: 'update', parents: [], resource_uri: `/api/v1/${type}/${id}`, state }
          : id.startsWith('s')
            ? serviceEvent(id, state)
            : containerEvent(id, state);
      });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 50 }), fc.boolean(), (events, useDelete) => {
        const source = new Subject<CloudEvent>();
        const open = new Set<string>();
        let opened = 0;
        let delivered = 0;
        source.pipe(groupByResource()).subscribe((group) => {
          expect(open.has(group.key)).toBe(false);
          open.add(group.key);
          opened++;
          group.subscribe({ next: () => delivered++, complete: () => open.delete(group.key) });
        });
        for (const e of events) source.next(e);
        expect(open.size).toBe(new Set(events.map((e) => normalizeResourceUri(e.resource_uri))).size);
        for (const id of ids) {
          const options = { action: useDelete ? ('delete' as const) : ('update' as const) };
          source.next(
            id.startsWith('s')
              ? serviceEvent(id, useDelete ? 'Running' : 'Terminated', options)
              : containerEvent(id, useDelete ? 'Running' : 'Terminated', options),
          );
        }
        // Before the source completes, every group has completed.
        expect(open.size).toBe(0);
        expect(delivered).toBe(events.length + ids.length);
        expect(opened).toBeGreaterThanOrEqual(ids.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('groupByResource on a synchronous source', () => {
  it('lets the output be unsubscribed while the source is still emitting synchronously', () => {
    const events = [containerEvent('c1', 'Running'), containerEvent('c2', 'Running'), containerEvent('c3', 'Running')];
    let finalized = false;
    const source = new Observable<CloudEvent>((subscriber) => {
      for (const event of events) subscriber.next(event);
      return () => (finalized = true);
    });
    const keys: string[] = [];
    source.pipe(groupByResource(), take(1)).subscribe((group) => keys.push(group.key));
    expect(keys).toEqual([C1]);
    expect(finalized).toBe(true);
  });
});
