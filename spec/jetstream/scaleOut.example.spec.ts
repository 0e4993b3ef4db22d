// Runs the example of docs/scale-out.md (scaleOut.example.ts) against the emulator and a real
// nats-server.
import { filter, firstValueFrom } from 'rxjs';
import { startEmulator } from '../../lib/emulator/index.js';
import { relay, runningServices } from './scaleOut.example.js';
import { startNatsServer, stopAllNatsServers } from './support/natsServer.js';

jest.setTimeout(60_000);

describe('the scale-out example', () => {
  it('relays the emulator into JetStream, and counts its running services from there', async () => {
    const emulator = await startEmulator({ seed: 'example', paused: true, pingInterval: false });
    const nats = await startNatsServer();
    const { user, apiKey, namespace } = emulator.credentials;
    const saved = { ...process.env };
    Object.assign(process.env, {
      DOCKERCLOUD_STREAM_HOST: emulator.url,
      DOCKERCLOUD_REST_HOST: emulator.restUrl,
      DOCKERCLOUD_USER: user,
      DOCKERCLOUD_APIKEY: apiKey,
      DOCKERCLOUD_NAMESPACE: namespace,
    });
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
