import { debounce, filter, map, type Observable } from 'rxjs';
import { isTransitionalState, liveFor, ofType, stateTransitions, underParent, type CloudEvent } from 'dockercloud-rx';
import { containerEvent, createEventTestScheduler, uri } from 'dockercloud-rx/testing';

// The pipeline under test: reload the load balancer when a container of the linked service
// reaches a state that is not transitional, after a second of quiet while the connection is
// live (`connectionLive(statuses)` of the stream, or `watch.live`): silence while it is down
// is not quiet, and a reload from a stale view is worse than none.
function reloads(events: Observable<CloudEvent>, service: string, live: Observable<boolean>): Observable<string> {
  return events.pipe(
    ofType('container'),
    underParent(service),
    stateTransitions(),
    filter((transition) => !isTransitionalState(transition.to)),
    debounce(() => liveFor(1000, live)),
    map((transition) => `reload after ${transition.event.resource_uri} is ${transition.to}`),
  );
}

describe('reloads', () => {
  const web = uri('service', 'web');
  const db = uri('service', 'db');
  const values = {
    a: containerEvent('web-1', 'Starting', { parents: [web] }),
    b: containerEvent('web-1', 'Running', { parents: [web] }),
    c: containerEvent('web-2', 'Running', { parents: [web] }),
    d: containerEvent('db-1', 'Running', { parents: [db] }),
    e: containerEvent('web-2', 'Running', { parents: [web] }),
    f: containerEvent('web-2', 'Stopped', { parents: [web] }),
  };
  const up = { t: true, f: false };

  it('reloads once per burst, after the containers of the service settle', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, hot, expectObservable }) => {
      const events = hot('  -a-b-c-d 2000ms e-f 2000ms |', values);
      const expected = '    1005ms   x   2004ms   y 1000ms |';
      expectObservable(reloads(events, web, cold('t', up))).toBe(expected, {
        x: `reload after ${values.c.resource_uri} is Running`,
        y: `reload after ${values.f.resource_uri} is Stopped`,
      });
    });
  });

  it('holds a reload while the connection is down, and waits a second of quiet once it is back', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ hot, expectObservable }) => {
      const events = hot('  -a-b 3000ms |', values);
      const live = hot('    t 499ms f 1499ms t', up); // down from 500 to 2000
      const expected = '    3000ms x 3ms |';
      expectObservable(reloads(events, web, live)).toBe(expected, { x: `reload after ${values.b.resource_uri} is Running` });
    });
  });

  it('ignores other services, and states that do not change', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      expectObservable(reloads(cold('d-d-d|', values), web, cold('t', up))).toBe('-----|');
    });
  });
});
