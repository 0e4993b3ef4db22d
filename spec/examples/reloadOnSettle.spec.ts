import { debounceTime, filter, map, type Observable } from 'rxjs';
import { isTransitionalState, ofType, stateTransitions, underParent, type CloudEvent } from 'dockercloud-rx';
import { containerEvent, createEventTestScheduler, uri } from 'dockercloud-rx/testing';

// The pipeline under test: reload the load balancer when a container of the linked service
// reaches a state that is not transitional, at most once per second of quiet.
function reloads(events: Observable<CloudEvent>, service: string): Observable<string> {
  return events.pipe(
    ofType('container'),
    underParent(service),
    stateTransitions(),
    filter((transition) => !isTransitionalState(transition.to)),
    debounceTime(1000),
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

  it('reloads once per burst, after the containers of the service settle', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ hot, expectObservable }) => {
      const events = hot('  -a-b-c-d 2000ms e-f 2000ms |', values);
      const expected = '    1005ms   x   2004ms   y 1000ms |';
      expectObservable(reloads(events, web)).toBe(expected, {
        x: `reload after ${values.c.resource_uri} is Running`,
        y: `reload after ${values.f.resource_uri} is Stopped`,
      });
    });
  });

  it('ignores other services, and states that do not change', () => {
    createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      expectObservable(reloads(cold('d-d-d|', values), web)).toBe('-----|');
    });
  });
});
