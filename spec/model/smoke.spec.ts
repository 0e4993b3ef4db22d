import { isRight } from 'fp-ts/Either';
import { decodeEvent } from '../../lib/index.js';
import { containerEvent, createEventTestScheduler } from '../../lib/testing/index.js';
import { map } from 'rxjs';

test('smoke', () => {
  const r = decodeEvent('{"type":"container","action":"update","parents":[],"resource_uri":"/api/app/v1/test/container/c1/","state":"Running"}');
  expect(isRight(r) && r.right).toEqual(containerEvent('c1', 'Running'));
  createEventTestScheduler().run(({ cold, expectObservable }) => {
    expectObservable(cold('a|', { a: 1 }).pipe(map((x) => x + 1))).toBe('a|', { a: 2 });
  });
});
