// An example of docs/resync.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and jest runs it.
import { asyncScheduler, map, type Observable } from 'rxjs';
import { watchResources, type ResourceWatch, type ServiceEvent } from 'dockercloud-rx/node';
import { createEventTestScheduler, FakeRestApi, FakeWebSocketServer, serviceEvent } from 'dockercloud-rx/testing';

const SETTLED = new Set(['Running', 'Stopped', 'Not running', 'Terminated']);

/**
 * The nginx proxy: rewrite the configuration 5 s after every service settled, with one
 * upstream per running service. `watch.settled` tracks the services from the watch's events,
 * which start with the whole listing and carry every resync, so its view is the cache's; and
 * it holds while the watch is not live, so no configuration is written from a stale view.
 */
export function nginxConfigs(watch: ResourceWatch<ServiceEvent>): Observable<string> {
  return watch.settled(5000, { isSettled: (service) => SETTLED.has(service.state ?? '') }).pipe(
    map((services) =>
      [...services.values()]
        .filter((service) => service.state === 'Running')
        .map((service) => `upstream ${service.resource_uri.split('/')[6]};`)
        .sort()
        .join(' '),
    ),
  );
}

describe('the nginx pipeline', () => {
  it('rewrites the configuration once everything settled, and never from the stale view of an outage', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      const server = new FakeWebSocketServer();
      const rest = new FakeRestApi(); // answers 10 ms after each request
      rest.setListing('service', [serviceEvent('web', 'Running'), serviceEvent('api', 'Scaling')]);
      const watch = watchResources({
        kinds: ['service'],
        url: 'ws://127.0.0.1:1',
        restUrl: 'http://127.0.0.1:2',
        WebSocket: server.WebSocket,
        fetch: rest.fetch,
        env: {},
        auth: { user: 'me', apiKey: 'fake-key' }, // the fakes take any
        random: () => 0.5,
      });
      const at = (ms: number, work: () => void) => asyncScheduler.schedule(work, ms);

      at(10, () => server.last.open()); // listed at 20: api is still scaling
      at(100, () => server.last.message(JSON.stringify(serviceEvent('api', 'Running')))); // settled: due at 5100
      at(3000, () => {
        server.last.serverClose(1006); // the socket drops first; while it is down, web goes and admin comes
        rest.setListing('service', [serviceEvent('api', 'Running'), serviceEvent('admin', 'Running')]);
      });
      at(3600, () => server.last.open()); // the retry (at 3500) opens: listed at 3610, written 5 s later

      // Nothing at 5100 (the socket was down: it would have kept web and missed admin).
      expectObservable(nginxConfigs(watch), '^ 12000ms !').toBe('8610ms a', {
        a: 'upstream admin; upstream api;',
      });
    });
  });
});
