// An example of docs/resync.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and jest runs it.
import { asyncScheduler, filter, map, pairwise, startWith, type Observable } from 'rxjs';
import { watchResources, type NodeEvent, type ResourceWatch } from 'dockercloud-rx/node';
import { createEventTestScheduler, FakeRestApi, FakeWebSocketServer, nodeEvent } from 'dockercloud-rx/testing';

/** Which peers to connect to and which to forget. */
export interface PeerChange {
  readonly connect: readonly string[];
  readonly forget: readonly string[];
}

/**
 * The network daemon: its peers are the nodes that are `Deployed`. Read from the cache, the
 * peers are right after every reconnect with no resync code, and a reconnect that changed
 * several nodes is one change, not a burst.
 */
export function peerChanges(watch: ResourceWatch<NodeEvent>): Observable<PeerChange> {
  return watch.cache.pipe(
    map((nodes) => new Set([...nodes.values()].filter((node) => node.state === 'Deployed').map((node) => node.resource_uri))),
    startWith(new Set<string>()),
    pairwise(),
    map(([before, after]) => ({
      connect: [...after].filter((peer) => !before.has(peer)).sort(),
      forget: [...before].filter((peer) => !after.has(peer)).sort(),
    })),
    filter((change) => change.connect.length + change.forget.length > 0),
  );
}

describe('the network daemon pipeline', () => {
  const deployed = (id: string): NodeEvent => nodeEvent(id, 'Deployed');
  const peer = (id: string): string => deployed(id).resource_uri;

  it('connects to deployed nodes, and resyncs its peers after a reconnect', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      const server = new FakeWebSocketServer();
      const rest = new FakeRestApi(); // answers 10 ms after each request
      rest.setListing('node', [deployed('n1'), nodeEvent('n2', 'Deploying')]);
      const watch = watchResources({
        kinds: ['node'],
        url: 'ws://127.0.0.1:1',
        restUrl: 'http://127.0.0.1:2',
        WebSocket: server.WebSocket,
        fetch: rest.fetch,
        env: {},
        auth: { user: 'me', apiKey: 'fake-key' }, // the fakes take any
        random: () => 0.5,
      });
      const at = (ms: number, work: () => void) => asyncScheduler.schedule(work, ms);
      const send = (event: NodeEvent) => server.last.message(JSON.stringify(event));

      at(10, () => server.last.open()); // listed at 20
      at(50, () => send(deployed('n2')));
      at(100, () => {
        server.last.serverClose(1006); // while the socket is down, n1 is terminated and n3 deployed
        rest.setListing('node', [deployed('n2'), deployed('n3')]);
      });
      at(1100, () => server.last.open()); // the retry starts a second after the first: listed at 1110
      at(1200, () => send(nodeEvent('n2', 'Unreachable')));

      expectObservable(peerChanges(watch), '^ 2000ms !').toBe('20ms a 29ms b 1059ms c 89ms d', {
        a: { connect: [peer('n1')], forget: [] },
        b: { connect: [peer('n2')], forget: [] },
        c: { connect: [peer('n3')], forget: [peer('n1')] },
        d: { connect: [], forget: [peer('n2')] },
      });
    });
  });
});
