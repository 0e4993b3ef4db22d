import { isRight } from 'fp-ts/Either';
import { map } from 'rxjs';
import { decodeEvent, isEndOfLife } from '../../lib/index.js';
import {
  actionEvent,
  authMessage,
  containerEvent,
  createEventTestScheduler,
  errorMessage,
  nodeClusterEvent,
  nodeEvent,
  serviceEvent,
  stackEvent,
  unknownEvent,
  uri,
  userNotification,
} from '../../lib/testing/index.js';
// Internal helpers of createEventTestScheduler, tested on their own.
import { assertFramesEqual } from '../../lib/testing/createEventTestScheduler.js';
import { deepEqual } from '../../lib/testing/deepEqual.js';

describe('event builders', () => {
  it('build events exactly as decodeEvent returns them from the wire', () => {
    const built = [
      stackEvent('shop', 'Running', { action: 'create', uuid: 'e1', datetime: '2016-02-01T16:47:28Z' }),
      serviceEvent('web', 'Scaling', { parents: [uri('stack', 'shop')] }),
      containerEvent('web-1', 'Stopped', { parents: [uri('service', 'web'), uri('node', 'n1')], namespace: 'other' }),
      nodeClusterEvent('east', 'Empty cluster'),
      nodeEvent('n1', 'Unreachable', { parents: [uri('nodecluster', 'east')] }),
      actionEvent('a1', 'Success', { parents: [uri('container', 'web-1')], action: 'delete' }),
      containerEvent('no-state'),
      authMessage(),
      errorMessage('UNAUTHORIZED'),
      userNotification({ message: 'Redeploy failed' }),
      unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' }),
    ];
    for (const event of built) {
      const decoded = decodeEvent(JSON.stringify(event));
      expect(isRight(decoded) && decoded.right).toEqual(event);
    }
  });

  it('default to an update without uuid or datetime, in the test namespace', () => {
    expect(containerEvent('c1', 'Running')).toEqual({
      type: 'container',
      action: 'update',
      parents: [],
      resource_uri: '/api/app/v1/test/container/c1/',
      state: 'Running',
    });
    expect(uri('action', 'a1')).toBe('/api/audit/v1/test/action/a1/');
    expect(uri('service', 's', 'acme')).toBe('/api/app/v1/acme/service/s/');
  });

  it('give each event its own parents array', () => {
    const parents = [uri('service', 's1')];
    const event = containerEvent('c1', 'Running', { parents });
    expect(event.parents).not.toBe(parents);
    expect(isEndOfLife(containerEvent('c1', 'Terminated'))).toBe(true);
  });
});

describe('createEventTestScheduler', () => {
  it('runs marble tests with its own assertion', () => {
    createEventTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b|', { a: containerEvent('c1', 'Starting'), b: containerEvent('c1', 'Running') });
      expectObservable(source.pipe(map((e) => e.state))).toBe('a-b|', { a: 'Starting', b: 'Running' });
    });
  });

  it('reports differing frames one per line', () => {
    const run = () =>
      createEventTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('a|', { a: containerEvent('c1', 'Starting') })).toBe('a|', { a: containerEvent('c1', 'Running') });
      });
    expect(run).toThrow(
      /Marble frames differ\.\nExpected:\n\s+0 {2}next .*"Running".*\n\s+1 {2}complete\nActual:\n\s+0 {2}next .*"Starting"/,
    );
  });

  it("uses the framework's assertion when given one", () => {
    const calls: unknown[][] = [];
    createEventTestScheduler((actual, expected) => calls.push([actual, expected])).run(({ cold, expectObservable }) => {
      expectObservable(cold('a|')).toBe('a|');
    });
    expect(calls).toHaveLength(1);
  });
});

describe('deepEqual', () => {
  it.each([
    [1, 1, true],
    [NaN, NaN, true],
    [0, '0', false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }, false],
    [[1, 2], [1, 2, 3], false],
    [[1], { 0: 1 }, false],
    [new Map([['k', { v: 1 }]]), new Map([['k', { v: 1 }]]), true],
    [new Map([['k', 1]]), new Map([['j', 1]]), false],
    [new Set([1, 2]), new Set([2, 1]), true],
    [new Set([1]), new Set([2]), false],
    [new Date(5), new Date(5), true],
    [new Date(5), new Date(6), false],
    [new TypeError('x'), new TypeError('x'), true],
    [new TypeError('x'), new RangeError('x'), false],
    [null, {}, false],
  ])('deepEqual(%p, %p) is %p', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });

  it('backs assertFramesEqual', () => {
    expect(() => assertFramesEqual([{ a: 1 }], [{ a: 1 }])).not.toThrow();
    expect(() => assertFramesEqual({ a: new Map([[1, 2]]) }, { a: new Map() })).toThrow(/Map/);
  });
});
