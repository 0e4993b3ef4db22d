// The Node entry's details cache reads what its options leave out from the environment, as the
// Node watchResources does.
import { Subject } from 'rxjs';
import type { CloudEvent } from '../../lib/index.js';
import { createDetailsCache } from '../../lib/node/createDetailsCache.js';
import { createEventTestScheduler, FakeRestApi, serviceEvent } from '../../lib/testing/index.js';
import { at } from '../resync/support.js';

describe('createDetailsCache (Node)', () => {
  it('takes the credentials and the REST host from DOCKERCLOUD_*, the options winning', () => {
    createEventTestScheduler().run(({ flush }) => {
      const rest = new FakeRestApi();
      const env = { DOCKERCLOUD_USER: 'envuser', DOCKERCLOUD_APIKEY: 'env-key-0123456789', DOCKERCLOUD_REST_HOST: 'http://127.0.0.1:9' };
      const fromEnv = createDetailsCache({ env, fetch: rest.fetch });
      const given = createDetailsCache({ env, fetch: rest.fetch, restUrl: 'http://localhost:7', auth: { authorization: 'Bearer given' } });
      const events = new Subject<CloudEvent>();
      events.pipe(fromEnv.follow(), given.follow()).subscribe();
      at(0, () => events.next(serviceEvent('web', 'Running')));
      flush();
      expect(rest.requests.map((r) => [r.url.origin, r.init.headers['Authorization']]).sort()).toEqual([
        ['http://127.0.0.1:9', `Basic ${Buffer.from('envuser:env-key-0123456789').toString('base64')}`],
        ['http://localhost:7', 'Bearer given'],
      ]);
    });
  });

  it('derives a loopback REST host from DOCKERCLOUD_STREAM_HOST, as the emulator serves both', () => {
    const rest = new FakeRestApi();
    const cache = createDetailsCache({
      env: { DOCKERCLOUD_STREAM_HOST: 'ws://127.0.0.1:8080', DOCKERCLOUD_AUTH: 'Basic abc' },
      fetch: rest.fetch,
    });
    const subscription = cache.details('/api/app/v1/acme/service/5bcf/').subscribe({ error: () => undefined });
    expect(rest.requests[0]!.url.toString()).toBe('http://127.0.0.1:8080/api/app/v1/acme/service/5bcf/');
    subscription.unsubscribe();
  });
});
