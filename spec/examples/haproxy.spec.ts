// An example of docs/resync.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and jest runs it.
import { asyncScheduler, debounce, filter, map, merge, withLatestFrom, type Observable } from 'rxjs';
import { liveFor, ofType, underParent, watchResources, type ResourceWatch } from 'dockercloud-rx/node';
import type { ActionEvent, ContainerEvent, ServiceEvent } from 'dockercloud-rx/node';
import { actionEvent, containerEvent, createEventTestScheduler, FakeRestApi, FakeWebSocketServer, serviceEvent, uri } from 'dockercloud-rx/testing';

const TRANSITIONAL = new Set(['In progress', 'Pending', 'Terminating', 'Starting', 'Scaling', 'Stopping']);

/**
 * The load balancer: reload when a container or service of a linked service settles (or goes
 * away), or when an action on the balancer's own service succeeds; one reload per second of
 * quiet while the watch is live, with the running backends read from the cache. Reconnects
 * need no code of their own: no reload happens while the socket is down or the resync lists
 * (`liveFor`, where `debounceTime(1000)` would reload from the stale cache), and what changed
 * meanwhile comes through as synthetic events, once the cache is right again.
 */
export function haproxyReloads(
  watch: ResourceWatch<ServiceEvent | ContainerEvent | ActionEvent>,
  linked: readonly [string, ...string[]],
  self: string,
): Observable<string[]> {
  const backends = watch.events.pipe(
    ofType('container', 'service'),
    underParent(linked, { includeSelf: true }),
    filter((event) => event.action === 'delete' || !TRANSITIONAL.has(event.state ?? '')),
  );
  const deployments = watch.events.pipe(
    ofType('action'),
    underParent(self),
    filter((action) => action.state === 'Success'),
  );
  return merge(backends, deployments).pipe(
    debounce(() => liveFor(1000, watch.live)),
    withLatestFrom(watch.cache),
    map(([, cache]) =>
      [...cache.values()]
        .filter((r) => r.type === 'container' && r.state === 'Running' && linked.some((s) => r.parents.includes(s)))
        .map((container) => container.resource_uri)
        .sort(),
    ),
  );
}

describe('the haproxy pipeline', () => {
  const [web, db, lb] = [uri('service', 'web'), uri('service', 'db'), uri('service', 'lb')];
  const running = (id: string, service = web): ContainerEvent => containerEvent(id, 'Running', { parents: [service] });

  it('reloads once per burst, and after a reconnect with what changed while it was down', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      const server = new FakeWebSocketServer();
      const rest = new FakeRestApi(); // answers 10 ms after each request
      rest.setListing('service', [serviceEvent('web', 'Running'), serviceEvent('db', 'Running'), serviceEvent('lb', 'Running')]);
      rest.setListing('container', [running('web-1'), running('web-2'), running('db-1', db)]);
      const watch = watchResources({
        kinds: ['service', 'container', 'action'],
        url: 'ws://127.0.0.1:1',
        restUrl: 'http://127.0.0.1:2',
        WebSocket: server.WebSocket,
        fetch: rest.fetch,
        env: {},
        auth: { user: 'me', apiKey: 'fake-key' }, // the fakes take any
        random: () => 0.5,
      });
      const at = (ms: number, work: () => void) => asyncScheduler.schedule(work, ms);
      const send = (...events: object[]) => events.forEach((e) => server.last.message(JSON.stringify(e)));

      at(10, () => server.last.open()); // listed at 20: the first reload comes 1 s later
      at(1100, () => send(containerEvent('web-2', 'Stopped', { parents: [web] }))); // a reload is due at 2100…
      at(1500, () => send(containerEvent('web-1', 'Stopping', { parents: [web] }))); // changing: no reload
      at(1600, () => {
        server.last.serverClose(1006); // …but the socket drops; while it is down, web-2 goes and web-3 comes
        rest.setListing('container', [running('web-1'), running('web-3'), running('db-1', db)]);
      });
      at(2200, () => server.last.open()); // the retry, 500 ms later, opens: listed at 2210
      at(4000, () => send(running('db-2', db))); // not linked: no reload
      at(5000, () => send(actionEvent('a1', 'Success', { parents: [lb] }))); // a redeploy of the balancer

      const reloads = haproxyReloads(watch, [web], lb).pipe(map((uris) => uris.map((u) => u.split('/')[6]).join(' ')));
      expectObservable(reloads, '^ 7000ms !').toBe('1020ms a 2189ms b 2789ms c', {
        a: 'web-1 web-2',
        b: 'web-1 web-3', // web-2 was deleted while down (final state unknown), web-3 created
        c: 'web-1 web-3',
      });
    });
  });
});
