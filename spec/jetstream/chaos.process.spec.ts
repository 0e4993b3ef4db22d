// The chaos proof of the scale-out: two `dockercloud-rx relay` processes on one emulator (its
// default clock, years behind the relays'), the emulator dropping every connection again and
// again, one relay killed (SIGKILL) mid-run and started again. Once the world is paused and
// the relays have resynced, a consumer's materialized view (`consumeEvents` → `resourceView`)
// equals the emulator's truth, and no live event reached it twice. Needs the build.
import { Subscription, tap } from 'rxjs';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { consumeEvents, type ConsumeStatus } from '../../lib/jetstream/index.js';
import { isEndOfLife } from '../../lib/model/isEndOfLife.js';
import { RESOURCE_TYPES } from '../../lib/model/vocabulary.js';
import { resourceView, type ResourceView } from '../../lib/operators/resourceView.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';
import { assertBuilt, CliRunner, emulatorEnv, type CliProcess } from '../cli/support.js';
import { startNatsServer, stopAllNatsServers, type NatsServer } from './support/natsServer.js';
import { sleep, until } from './support/waiting.js';

jest.setTimeout(180_000);

/** What the emulator's world holds, as sorted `uri state` lines: live resources only, as a view keeps them. */
function truth(emulator: Emulator): string[] {
  return RESOURCE_TYPES.flatMap((type) => emulator.world.resources(type))
    .filter((resource) => !isEndOfLife({ type: resource.type, action: 'update', state: resource.state }))
    .map((resource) => `${normalizeResourceUri(resource.resource_uri)} ${resource.state}`)
    .sort();
}

function lines(view: ResourceView<WatchedEvent> | undefined): string[] {
  return [...(view?.values() ?? [])].map((event) => `${normalizeResourceUri(event.resource_uri)} ${event.state}`).sort();
}

/** The lines of one list missing from the other, both ways: what a failure shows. */
function difference(expected: readonly string[], actual: readonly string[]): string {
  const missing = expected.filter((line) => !actual.includes(line));
  const extra = actual.filter((line) => !expected.includes(line));
  return `missing from the view: ${JSON.stringify(missing)}\nnot in the world: ${JSON.stringify(extra)}`;
}

const runner = new CliRunner();
const subscriptions = new Subscription();
let nats: NatsServer;
let emulator: Emulator | undefined;

beforeAll(async () => {
  assertBuilt();
  nats = await startNatsServer();
});
afterAll(async () => {
  subscriptions.unsubscribe();
  await runner.killAll();
  await emulator?.stop();
  // The consumers close their connections in the background (at most `expires`).
  await sleep(1500);
  await stopAllNatsServers();
});

it('two relays, connections dropped, one relay SIGKILLed and restarted: the consumer view equals the world once paused', async () => {
  emulator = await startEmulator({ seed: 'chaos', rate: 40, paused: true, pingInterval: false });
  const env = emulatorEnv(emulator, { DOCKERCLOUD_REST_HOST: emulator.restUrl });
  const startRelay = (): CliProcess => runner.run(['relay', '--nats', nats.url, '--stream', 'CHAOS'], env);
  const ready = (relay: CliProcess): Promise<void> =>
    relay.until(() => /synced: /.test(relay.stderr) && /nats: connected/.test(relay.stderr), 'the relay to connect and sync', 30_000);
  let a = startRelay();
  const b = startRelay();
  await Promise.all([ready(a), ready(b)]);

  // A consumer reading through the chaos, from the stream's start.
  const live = new Map<string, number>();
  const statuses: ConsumeStatus[] = [];
  let view: ResourceView<WatchedEvent> | undefined;
  subscriptions.add(
    consumeEvents({ servers: nats.url, stream: 'CHAOS', batch: 64, status: (s) => statuses.push(s) })
      .pipe(
        tap((event) => {
          if (event.synthetic !== true && event.uuid !== undefined) live.set(event.uuid, (live.get(event.uuid) ?? 0) + 1);
        }),
        resourceView(),
      )
      .subscribe((next) => (view = next)),
  );

  emulator.resume();
  let drops = 0;
  for (let second = 1; second <= 10; second++) {
    await sleep(1000);
    if (second % 2 === 0) drops += emulator.faults.dropAll() > 0 ? 1 : 0;
    if (second === 3) a.kill('SIGKILL');
    if (second === 6) a = startRelay();
  }
  await ready(a);
  emulator.pause();
  const world = truth(emulator);
  const sent = emulator.world.eventCount;
  expect(drops).toBeGreaterThanOrEqual(4);
  expect(sent).toBeGreaterThan(200);

  // The relays resync (each one's last reconnect lists the paused world); the view converges to it.
  await until(
    "the consumer's view to equal the world",
    () => lines(view).join('\n') === world.join('\n'),
    60_000,
    () => difference(world, lines(view)),
  );
  // And stays so: nothing stored later undoes it.
  await sleep(2000);
  expect(difference(world, lines(view))).toBe(difference(world, world));
  expect([...live.entries()].filter(([, count]) => count > 1)).toEqual([]);
  expect(live.size).toBeGreaterThan(100);
  expect(statuses.filter((s) => s.kind === 'rejected')).toEqual([]);
});
