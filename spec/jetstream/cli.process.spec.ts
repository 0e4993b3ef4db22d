// `dockercloud-rx relay --nats` and `dockercloud-rx events --nats`, as processes, against the
// emulator and a real nats-server. Needs the build (`npm test` builds first).
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { assertBuilt, CliRunner, emulatorEnv, childEnv } from '../cli/support.js';
import { startNatsServer, stopAllNatsServers, type NatsServer } from './support/natsServer.js';

jest.setTimeout(90_000);

const SECRET = 'n4ts-pa55word';
const runner = new CliRunner();
let nats: NatsServer;
let emulator: Emulator;

beforeAll(async () => {
  assertBuilt();
  nats = await startNatsServer();
  // On its default simulated clock (2016): the relay dates its listings by the emulator's `Date`.
  emulator = await startEmulator({ seed: 'cli-relay', paused: true, pingInterval: false });
});
afterEach(() => runner.killAll());
afterAll(async () => {
  await emulator.stop();
  await stopAllNatsServers();
});

it('relay publishes the stream with resync until SIGTERM; events --nats prints from JetStream as it prints from the websocket', async () => {
  // nats-server without authorisation ignores the credentials: they are here to be hidden.
  const natsUrl = nats.url.replace('nats://', `nats://relay:${SECRET}@`);
  const env = emulatorEnv(emulator, { DOCKERCLOUD_REST_HOST: emulator.restUrl });
  const relay = runner.run(['relay', '--nats', natsUrl, '--stream', 'CLI'], env);
  await relay.until(
    () => /nats: connected .*stream CLI \(created\)/.test(relay.stderr) && /synced: /.test(relay.stderr),
    'the relay to connect and sync',
    30_000,
  );
  const sent = emulator.step(12);

  const direct = runner.run(['events', '--json', '--count', '5', '--timeout', '20'], env);
  await direct.until(() => /open|connected|authenticated/i.test(direct.stderr), 'the direct stream to open', 20_000).catch(() => undefined);
  const more = emulator.step(5);
  expect(await direct.finished(20_000)).toEqual({ code: 0, signal: null });

  // The consumer reads the synthetic creations of the first listing, then the live events.
  const total = emulator.world.eventCount; // 17 live events after the listing
  const fromNats = runner.run(
    ['events', '--nats', natsUrl, '--stream', 'CLI', '--json', '--type', 'container', '--count', '1000', '--timeout', '6'],
    childEnv(),
  );
  const exit = await fromNats.finished(30_000);
  expect(exit.code).toBe(124); // fewer than 1000: it ran until --timeout
  const printed = fromNats.lines.map((line) => JSON.parse(line) as { uuid?: string; type: string });
  const liveContainers = [...sent, ...more].filter((event) => event.type === 'container').map((event) => event.uuid);
  expect(printed.filter((event) => event.uuid !== undefined).map((event) => event.uuid)).toEqual(liveContainers);
  expect(printed.every((event) => event.type === 'container')).toBe(true);
  expect(total).toBe(17);
  // The websocket's JSON lines and JetStream's are the same objects.
  const directLines = direct.lines;
  const natsAll = runner.run(['events', '--nats', natsUrl, '--stream', 'CLI', '--json', '--count', '1000', '--timeout', '4'], childEnv());
  await natsAll.finished(30_000);
  for (const line of directLines) expect(natsAll.lines).toContain(line);

  relay.kill('SIGTERM');
  expect(await relay.finished(15_000)).toEqual({ code: 0, signal: null });
  expect(relay.stderr).toMatch(/stopped: \d+ events published/);
  for (const output of [relay.stderr, relay.stdout, fromNats.stderr, natsAll.stderr]) expect(output).not.toContain(SECRET);
  expect(relay.stderr).toContain(`nats://***@127.0.0.1:${nats.port}`);
});

it('events --nats waits for a stream that does not exist yet, saying so', async () => {
  const cli = runner.run(['events', '--nats', nats.url, '--stream', 'NOTYET', '--timeout', '3'], childEnv());
  await cli.finished(20_000);
  expect(cli.stderr).toMatch(/nats: no stream NOTYET yet; looking again in \d+ ms/);
});
