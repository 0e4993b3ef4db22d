// An example of docs/scale-out.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and jest runs it against a real nats-server and the emulator.
import { map, type Observable, type Subscription } from 'rxjs';
import { resourceView, watchResources } from 'dockercloud-rx/node';
import { consumeEvents, publishEvents } from 'dockercloud-rx/jetstream';

/** The relay: one upstream connection (DOCKERCLOUD_* settings) with resync, all of it published. */
export function relay(nats: string): Subscription {
  return watchResources({ kinds: ['stack', 'service', 'container', 'nodecluster', 'node', 'action'] })
    .events.pipe(publishEvents({ servers: nats, status: (s) => console.error(`relay: ${s.kind}`) }))
    .subscribe();
}

/** A consumer, anywhere: how many services run; after a restart it resumes where it was. */
export function runningServices(nats: string): Observable<number> {
  return consumeEvents({ servers: nats, durable: 'dashboard', filter: { type: 'service' } }).pipe(
    resourceView(),
    map((view) => [...view.values()].filter((service) => service.state === 'Running').length),
  );
}

describe('the scale-out example', () => {
  it('relays the emulator into JetStream, and counts its running services from there', async () => {
    const { startEmulator } = await import('dockercloud-rx/emulator');
    const { startNatsServer, stopAllNatsServers } = await import('./support/natsServer.js');
    const { firstValueFrom, filter } = await import('rxjs');
    const emulator = await startEmulator({ seed: 'example', paused: true, pingInterval: false });
    const nats = await startNatsServer();
    const { user, apiKey, namespace } = emulator.credentials;
    const saved = { ...process.env };
    Object.assign(process.env, { DOCKERCLOUD_STREAM_HOST: emulator.url, DOCKERCLOUD_REST_HOST: emulator.restUrl, DOCKERCLOUD_USER: user, DOCKERCLOUD_APIKEY: apiKey, DOCKERCLOUD_NAMESPACE: namespace });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const subscription = relay(nats.url);
      const running = emulator.world.resources('service').filter((service) => service.state === 'Running').length;
      expect(running).toBeGreaterThan(0);
      expect(await firstValueFrom(runningServices(nats.url).pipe(filter((count) => count === running)))).toBe(running);
      subscription.unsubscribe();
      expect(error).toHaveBeenCalledWith('relay: connected');
    } finally {
      process.env = saved;
      error.mockRestore();
      await emulator.stop();
      // The consumer and the relay close their connections in the background.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await stopAllNatsServers();
    }
  });
});
