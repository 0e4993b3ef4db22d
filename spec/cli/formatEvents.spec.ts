import type { TestScheduler } from 'rxjs/testing';
import { ENDED_MEMORY, formatEvents } from '../../lib/cli/formatEvents.js';
import { createPalette } from '../../lib/cli/Palette.js';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import { containerEvent, createEventTestScheduler, errorMessage, serviceEvent } from '../../lib/testing/index.js';
import { from, lastValueFrom, toArray } from 'rxjs';

const options = { palette: createPalette(false), utc: true, now: () => new Date('2016-02-01T16:00:00Z') };

/** The state column of a line. */
function stateOf(line: string): string {
  return line.slice(31, 61).trimEnd();
}

async function lines(events: readonly CloudEvent[], json = false): Promise<string[]> {
  return lastValueFrom(from(events).pipe(formatEvents({ ...options, json }), toArray()));
}

describe('formatEvents', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('emits one line per event, in step, and completes and errors with its source', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = containerEvent('c1', 'Starting');
      const b = containerEvent('c1', 'Running');
      const source = cold<CloudEvent>('a-b-#', { a, b });
      expectObservable(source.pipe(formatEvents(options))).toBe('x-y-#', {
        x: '16:00:00  container    update  → Starting                      c1',
        y: '16:00:00  container    update  Starting → Running              c1',
      });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('unsubscribes from its source when unsubscribed early', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<CloudEvent>('a-a-a-a-|', { a: containerEvent('c1', 'Running') });
      expectObservable(source.pipe(formatEvents(options)), '^--!').toBe('x-y-', {
        x: '16:00:00  container    update  → Running                       c1',
        y: '16:00:00  container    update  Running                         c1',
      });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('tracks each resource on its own, by normalized URI whatever the form', async () => {
    const out = await lines([
      containerEvent('c1', 'Starting'),
      containerEvent('c2', 'Starting'),
      { type: 'container', action: 'update', parents: [], resource_uri: '/api/v1/container/c1', state: 'Running' },
      containerEvent('c2', 'Stopped'),
      containerEvent('c1', undefined),
      serviceEvent('c1', 'Running'),
    ]);
    expect(out.map(stateOf)).toEqual(['→ Starting', '→ Starting', 'Starting → Running', 'Starting → Stopped', '', '→ Running']);
  });

  it('reads the delete after Terminated as "Terminated", and a new life as a transition from it', async () => {
    const out = await lines([
      containerEvent('c1', 'Running'),
      containerEvent('c1', 'Terminated'),
      containerEvent('c1', 'Terminated', { action: 'delete' }),
      containerEvent('c1', 'Starting', { action: 'create' }),
      containerEvent('c9', 'Terminated', { action: 'delete' }),
    ]);
    expect(out.map(stateOf)).toEqual(['→ Running', 'Running → Terminated', 'Terminated', 'Terminated → Starting', '→ Terminated']);
  });

  it('remembers a bounded number of ended resources: the last ENDED_MEMORY, never more than twice as many', async () => {
    const count = 2 * ENDED_MEMORY + 1;
    const ended = Array.from({ length: count }, (_, i) => containerEvent(`c${i}`, 'Terminated'));
    const last = count - 1;
    const oldestRemembered = count - ENDED_MEMORY;
    const deletes = [0, oldestRemembered, last].map((i) => containerEvent(`c${i}`, 'Terminated', { action: 'delete' }));
    const out = await lines([...ended, ...deletes]);
    // c0 ended too long ago: its delete reads as news. The others are known to have ended.
    expect(out.slice(-3).map(stateOf)).toEqual(['→ Terminated', 'Terminated', 'Terminated']);
  });

  it('keeps its memory per subscription', async () => {
    const formatted = from([containerEvent('c1', 'Starting'), containerEvent('c1', 'Running')]).pipe(formatEvents(options), toArray());
    const first = await lastValueFrom(formatted);
    const second = await lastValueFrom(formatted);
    expect(second).toEqual(first);
  });

  it('with json, emits each event as a line of JSON that decodes back to it', async () => {
    const events = [containerEvent('c1', 'Starting', { uuid: 'u', datetime: '2016-02-01T16:00:00Z' }), errorMessage('boom')];
    const out = await lines(events, true);
    expect(out.map((line) => decodeEvent(line))).toEqual(events.map((right) => ({ _tag: 'Right', right })));
  });

  it('hands an event it cannot print to unprintable and goes on with the next ones', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const bomb = { type: 'weird', data: deep } as unknown as CloudEvent;
    const after = containerEvent('c1', 'Running');
    const failures: { error: unknown; event: CloudEvent }[] = [];
    const printed = await lastValueFrom(
      from([bomb, after]).pipe(
        formatEvents({ ...options, json: true, unprintable: (error, event) => failures.push({ error, event }) }),
        toArray(),
      ),
    );
    expect(printed).toEqual([JSON.stringify(after)]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.error).toBeInstanceOf(RangeError);
    expect(failures[0]!.event).toBe(bomb);
  });

  it('without unprintable, ends with the error of an event it cannot print', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const bomb = { type: 'weird', data: deep } as unknown as CloudEvent;
    await expect(lastValueFrom(from([bomb]).pipe(formatEvents({ ...options, json: true })))).rejects.toBeInstanceOf(RangeError);
  });
});
