import { map } from 'rxjs';
import { watchResources } from '../../lib/node/watchResources.js';
import { containerEvent, createEventTestScheduler, FakeRestApi, FakeWebSocketServer } from '../../lib/testing/index.js';
import { at, snapshot } from './support.js';

describe('watchResources (Node entry)', () => {
  it('reads the REST host, the namespace and the credentials from the DOCKERCLOUD_* environment', () => {
    createEventTestScheduler((a, e) => expect(a).toEqual(e)).run(({ expectObservable, flush }) => {
      const ws = new FakeWebSocketServer();
      const rest = new FakeRestApi();
      rest.setListing('container', [containerEvent('c1', 'Running', { namespace: 'acme' })]);
      const watch = watchResources({
        kinds: ['container'],
        WebSocket: ws.WebSocket,
        fetch: rest.fetch,
        env: {
          DOCKERCLOUD_REST_HOST: 'http://127.0.0.1:8000/proxy/',
          DOCKERCLOUD_STREAM_HOST: 'ws://127.0.0.1:8001',
          DOCKERCLOUD_NAMESPACE: 'acme',
          DOCKERCLOUD_AUTH: 'TutumAccessKey abc',
        },
      });
      at(10, () => ws.last.open());
      expectObservable(watch.cache.pipe(map(snapshot)), '^ 50ms !').toBe('20ms a', { a: 'c1:Running' });
      flush();
      expect(ws.last.url).toBe('ws://127.0.0.1:8001/api/audit/v1/acme/events/?type=container');
      expect(ws.last.options?.headers).toEqual({ Authorization: 'TutumAccessKey abc' });
      expect(rest.requests.map((r) => [r.url.toString(), r.init.headers['Authorization']])).toEqual([
        ['http://127.0.0.1:8000/proxy/api/app/v1/acme/container/?limit=100', 'TutumAccessKey abc'],
      ]);
    });
  });

  it('lets the options win over the environment', () => {
    createEventTestScheduler().run(({ flush }) => {
      const ws = new FakeWebSocketServer();
      const rest = new FakeRestApi();
      const subscription = watchResources({
        kinds: ['node'],
        WebSocket: ws.WebSocket,
        fetch: rest.fetch,
        url: 'ws://127.0.0.1:9',
        restUrl: 'http://127.0.0.1:10',
        namespace: 'mine',
        auth: { user: 'me', apiKey: 'k' },
        env: { DOCKERCLOUD_REST_HOST: 'https://elsewhere.example', DOCKERCLOUD_NAMESPACE: 'theirs', DOCKERCLOUD_AUTH: 'Basic x' },
      }).cache.subscribe();
      at(10, () => ws.last.open());
      at(50, () => subscription.unsubscribe());
      flush();
      expect(rest.requests.map((r) => r.url.toString())).toEqual(['http://127.0.0.1:10/api/infra/v1/mine/node/?limit=100']);
      expect(rest.requests[0]!.init.headers['Authorization']).toBe(`Basic ${Buffer.from('me:k').toString('base64')}`);
    });
  });
});
