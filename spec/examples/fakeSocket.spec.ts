import { asyncScheduler } from 'rxjs';
import { streamEvents, type StreamStatus } from 'dockercloud-rx';
import { containerEvent, createEventTestScheduler, FakeWebSocketServer } from 'dockercloud-rx/testing';

it('keeps streaming across a server restart', () => {
  createEventTestScheduler((a, e) => expect(a).toEqual(e)).run(({ expectObservable, flush }) => {
    const server = new FakeWebSocketServer();
    const statuses: StreamStatus['kind'][] = [];
    const [first, second] = [containerEvent('c1', 'Starting'), containerEvent('c1', 'Running')];
    const events = streamEvents({
      WebSocket: server.WebSocket,
      url: 'ws://127.0.0.1:1',
      auth: { user: 'me', apiKey: 'fake-key' }, // the fake server takes any
      random: () => 0,
      status: (s) => statuses.push(s.kind),
    });

    asyncScheduler.schedule(() => {
      server.last.open();
      server.last.message(JSON.stringify(first));
    }, 10);
    asyncScheduler.schedule(() => server.last.serverClose(1001), 20); // the server goes away…
    asyncScheduler.schedule(() => {
      server.last.open(); // …and the next attempt, 1 s after the first began, succeeds
      server.last.message(JSON.stringify(second));
    }, 1500);

    expectObservable(events, '^ 2000ms !').toBe('10ms a 1489ms b', { a: first, b: second });
    flush();
    expect(server.sockets.map((socket) => socket.closedWith)).toEqual([undefined, 1000]);
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'connecting', 'open', 'closed']);
  });
});
