// A watch keeps what its listings said of each resource (its REST object's fields: name,
// image…): no request is needed for names, and a details cache given the watch makes none for
// a listed resource.
import { createDetailsCache } from '../../lib/details/createDetailsCache.js';
import { containerEvent, createEventTestScheduler, serviceEvent, uri } from '../../lib/testing/index.js';
import { at, watchHarness } from './support.js';

const web = uri('service', 'web');
const db = uri('service', 'db');

describe('watchResources: the listing’s details', () => {
  it('carries the listed fields of each cached resource, follows the listings, and forgets a resource at its end', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = watchHarness({ kinds: ['service'] });
      h.rest.setListing('service', [serviceEvent('web', 'Running'), serviceEvent('db', 'Running')]);
      h.rest.setDetails(web, { name: 'web-front', image_name: 'nginx:1.25', target_num_containers: 2, envvars: [{ key: 'A' }] });
      h.rest.setDetails(db, { name: 'db' });
      const seen: (string | undefined)[] = [];
      h.record(h.watch.events, 500);
      at(0, () => seen.push(h.watch.details(web)?.name));
      at(10, () => h.ws.last.open());
      at(40, () => {
        seen.push(h.watch.details(web)?.name, h.watch.details(`https://cloud.docker.com${web}`)?.name);
        // Scalar fields only: the nested ones are left out.
        expect(h.watch.details(web)).toEqual({
          uuid: 'web',
          resource_uri: web,
          state: 'Running',
          type: 'service',
          name: 'web-front',
          image_name: 'nginx:1.25',
          target_num_containers: 2,
        });
      });
      at(50, () => h.send(serviceEvent('db', 'Terminated', { datetime: '2016-02-01T10:00:01Z' })));
      at(60, () => seen.push(h.watch.details(db)?.name));
      const requests = (): number => h.rest.requests.length;
      let before = 0;
      at(60, () => (before = requests()));
      at(600, () => seen.push(h.watch.details(web)?.name));
      flush();
      // Before the first listing nothing; then the names, in any URI form; db forgotten at its end;
      // none once nothing subscribes.
      expect(seen).toEqual([undefined, 'web-front', 'web-front', undefined, undefined]);
      expect(before).toBe(1);
    });
  });

  it('takes the details of each resync, and keeps none of a resource the cache does not hold after it', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = watchHarness({ kinds: ['service'] });
      h.rest.setListing('service', [serviceEvent('web', 'Running'), serviceEvent('db', 'Running')]);
      h.rest.setDetails(web, { name: 'web-front' });
      h.rest.setDetails(db, { name: 'db' });
      const names: (string | undefined)[][] = [];
      const read = (): number => names.push([h.watch.details(web)?.name, h.watch.details(db)?.name]);
      h.record(h.watch.events, 5000);
      at(10, () => h.ws.last.open());
      at(40, read);
      // A resync that lists the same resources, one of them renamed: the watch takes the new name.
      at(50, () => {
        h.ws.last.serverClose(1006);
        h.rest.setDetails(web, { name: 'web-renamed' });
      });
      at(1100, () => h.ws.last.open());
      at(1140, read);
      // A resync whose listing shows db ended, while a buffered event adds api: as many
      // resources in the cache as listed, yet db's details must go.
      at(1150, () => {
        h.ws.last.serverClose(1006);
        h.rest.setListing('service', [serviceEvent('web', 'Running'), serviceEvent('db', 'Terminated')]);
        h.rest.setDetails(web, { name: 'web-again' });
      });
      at(2200, () => h.ws.last.open());
      at(2205, () => h.send(serviceEvent('api', 'Starting', { action: 'create', datetime: '2030-01-01T00:00:01Z' })));
      at(2240, read);
      flush();
      expect(h.statuses.filter((s) => s.kind === 'synced')).toHaveLength(3);
      expect(names).toEqual([
        ['web-front', 'db'],
        ['web-renamed', 'db'],
        ['web-again', undefined],
      ]);
    });
  });

  it('gives a details cache its first values: a listed resource costs no request, a new one does', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = watchHarness({ kinds: ['service', 'container'] });
      h.rest.setListing('service', [serviceEvent('web', 'Running')]);
      h.rest.setListing('container', []);
      h.rest.setDetails(web, { name: 'web-front' });
      h.rest.setDetails(uri('container', 'web-1'), { name: 'web-1' });
      const names = createDetailsCache({
        restUrl: 'http://127.0.0.1:2',
        auth: { user: 'tester', apiKey: 'fake-api-key-0000' },
        fetch: h.rest.fetch,
        watch: h.watch,
      });
      h.record(h.watch.events.pipe(names.follow()), 500);
      at(10, () => h.ws.last.open());
      at(50, () => h.send(containerEvent('web-1', 'Starting', { action: 'create', parents: [web], datetime: '2016-02-01T10:00:01Z' })));
      flush();
      const paths = h.rest.requests.map((request) => request.url.pathname);
      // Two listings, then the new container only: the service's name came from the listing.
      expect(paths).toEqual(['/api/app/v1/service/', '/api/app/v1/container/', '/api/app/v1/test/container/web-1/']);
      expect(names.get(web)?.name).toBe('web-front');
      expect(names.get(uri('container', 'web-1'))?.name).toBe('web-1');
    });
  });
});
