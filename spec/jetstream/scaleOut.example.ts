// An example of docs/scale-out.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and jest runs it (scaleOut.example.spec.ts) against a real nats-server and the emulator.
import { map, type Observable, type Subscription } from 'rxjs';
import { resourceView, watchResources } from 'dockercloud-rx/node';
import { consumeEvents, publishEvents } from 'dockercloud-rx/jetstream';

/** The relay: one upstream connection (DOCKERCLOUD_* settings) with resync, all of it published. */
export function relay(nats: string): Subscription {
  return watchResources({ kinds: ['stack', 'service', 'container', 'nodecluster', 'node', 'action'] })
    .events.pipe(publishEvents({ servers: nats, status: (s) => console.error(`relay: ${s.kind}`) }))
    .subscribe();
}

/**
 * A consumer, anywhere: how many services run. It reads the stream from its start, so its view
 * is whole; a `durable` name would resume a worker where it stopped instead.
 */
export function runningServices(nats: string): Observable<number> {
  return consumeEvents({ servers: nats, filter: { type: 'service' } }).pipe(
    resourceView(),
    map((view) => [...view.values()].filter((service) => service.state === 'Running').length),
  );
}
