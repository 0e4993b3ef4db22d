import { firstValueFrom, from, isObservable, lastValueFrom, map, type Observable } from 'rxjs';
import type { RestResponse } from '../../lib/resync/RestFetch.js';
import { containerEvent, createEventTestScheduler, FakeRestApi, uri } from '../../lib/testing/index.js';

const get = (rest: FakeRestApi, url: string, signal?: AbortSignal): Observable<RestResponse> => {
  const answer = rest.fetch(url, { method: 'GET', headers: { Authorization: 'Basic x' }, ...(signal ? { signal } : {}) });
  return isObservable(answer) ? answer : from(answer);
};

describe('FakeRestApi', () => {
  it('lists what it was told, paginated as Docker Cloud did, answering after its latency', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      const rest = new FakeRestApi({ latency: 5 });
      const status = get(rest, 'http://h/api/app/v1/test/container/?limit=1').pipe(map((response) => response.status));
      expectObservable(status).toBe('5ms (a|)', { a: 200 });
    });
    const rest = new FakeRestApi({ latency: 0 });
    rest.setListing('container', [containerEvent('c1', 'Running', { parents: [uri('service', 'web')] }), containerEvent('c2', 'Stopped')]);
    return lastValueFrom(get(rest, 'http://h/api/app/v1/test/container/?limit=1')).then((response) => {
      expect(response.json()).toEqual({
        meta: { limit: 1, offset: 0, total_count: 2, previous: null, next: '/api/app/v1/test/container/?limit=1&offset=1' },
        objects: [
          { uuid: 'c1', resource_uri: uri('container', 'c1'), state: 'Running', type: 'container', parents: [uri('service', 'web')] },
        ],
      });
      expect(rest.requests.map((r) => [r.url.pathname, r.init.headers['Authorization']])).toEqual([
        ['/api/app/v1/test/container/', 'Basic x'],
      ]);
    });
  });

  it('answers scripted failures first, one per request', async () => {
    const rest = new FakeRestApi({ latency: 0 });
    rest.answerNext({ status: 503 }, { network: 'ECONNRESET' });
    expect((await firstValueFrom(get(rest, 'http://h/api/app/v1/node/'))).status).toBe(503);
    await expect(firstValueFrom(get(rest, 'http://h/api/app/v1/node/'))).rejects.toThrow('ECONNRESET');
    expect((await firstValueFrom(get(rest, 'http://h/api/app/v1/node/'))).json()).toMatchObject({ objects: [] });
  });

  it('dates each answer by its clock when it answers (the scheduler by default), or not at all', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      const date = (rest: FakeRestApi): Observable<string | null | undefined> =>
        get(rest, 'http://h/api/app/v1/node/').pipe(map((response) => response.headers?.get('Date')));
      expectObservable(date(new FakeRestApi({ latency: 2000 }))).toBe('2000ms (a|)', { a: 'Thu, 01 Jan 1970 00:00:02 GMT' });
      const server = new FakeRestApi({ latency: 5, serverTime: () => Date.parse('2016-02-01T16:47:28.900Z') });
      expectObservable(date(server)).toBe('5ms (a|)', { a: 'Mon, 01 Feb 2016 16:47:28 GMT' });
      expectObservable(date(new FakeRestApi({ latency: 5, serverTime: null }))).toBe('5ms (a|)', { a: null });
    });
  });

  it('counts the requests aborted before their answer', async () => {
    const rest = new FakeRestApi({ latency: 0 });
    const controller = new AbortController();
    const subscription = get(rest, 'http://h/api/app/v1/node/', controller.signal).subscribe();
    controller.abort();
    subscription.unsubscribe();
    await firstValueFrom(get(rest, 'http://h/api/app/v1/node/', new AbortController().signal));
    expect(rest.aborted).toBe(1);
  });
});
