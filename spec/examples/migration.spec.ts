// The examples of the migration guide (docs/connecting.md, "Migrating from the official
// clients") run against the real emulator on 127.0.0.1, configured only through the DOCKERCLOUD_*
// variables the official clients read, and checked for what the guide says of them: events
// arrive decoded, a drop is a `reconnecting` status and never the Observable's error, an
// authentication failure ends the stream with an AuthError, unsubscribing closes the socket.
import { format } from 'node:util';
import type { Subscription } from 'rxjs';
import { startEmulator, type Emulator } from 'dockercloud-rx/emulator';
import { closeAllServers, startServer } from '../integration/support/server';
import { followWithErrors } from './migrationErrors.example';
import { printEvents } from './migrationPrintEvents.example';
import { followContainersOf } from './migrationServiceContainers.example';
import { printSome } from './migrationStop.example';

jest.setTimeout(30_000);

const VARIABLES = [
  'DOCKERCLOUD_AUTH',
  'DOCKERCLOUD_USER',
  'DOCKERCLOUD_APIKEY',
  'DOCKERCLOUD_PASS',
  'DOCKERCLOUD_NAMESPACE',
  'DOCKERCLOUD_STREAM_HOST',
  'DOCKERCLOUD_STREAM_URL',
] as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` until it holds; the machine running the tests may be slow. */
async function waitFor(predicate: () => boolean, what: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

let emulator: Emulator | undefined;
let subscription: Subscription | undefined;
let saved: Partial<Record<(typeof VARIABLES)[number], string>>;
let log: string[];
let warn: string[];
let error: string[];

beforeEach(() => {
  // The examples read the environment as a user's program would: start each test from none.
  saved = {};
  for (const name of VARIABLES) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  log = [];
  warn = [];
  error = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void log.push(format(...args)));
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warn.push(format(...args)));
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void error.push(format(...args)));
});

afterEach(async () => {
  subscription?.unsubscribe();
  subscription = undefined;
  await emulator?.stop();
  emulator = undefined;
  await closeAllServers();
  jest.restoreAllMocks();
  for (const name of VARIABLES) {
    const value = saved[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Starts a paused emulator and points the DOCKERCLOUD_* variables at it, as a user's shell would. */
async function emulate(options: Parameters<typeof startEmulator>[0] = {}, apiKey?: string): Promise<Emulator> {
  const started = await startEmulator({ paused: true, pingInterval: false, ...options });
  emulator = started;
  process.env.DOCKERCLOUD_STREAM_HOST = started.url;
  process.env.DOCKERCLOUD_USER = started.credentials.user;
  process.env.DOCKERCLOUD_APIKEY = apiKey ?? started.credentials.apiKey;
  return started;
}

const connected = (server: Emulator): Promise<void> =>
  waitFor(() => server.connections.some((c) => c.state === 'open'), 'a stream connection');

describe('printing every event (Python on_message, Go MessageChan)', () => {
  it('prints each event decoded, configured by the DOCKERCLOUD_* variables alone', async () => {
    const server = await emulate();
    subscription = printEvents();
    await connected(server);
    const sent = server.step(5);
    await waitFor(() => log.length >= sent.length, `${sent.length} lines`);
    await sleep(50);
    expect(log).toEqual(sent.map((e) => `${e.type} ${e.action} ${e.resource_uri} ${e.state}`));
    expect(error).toEqual([]);
  });

  it('takes a verbatim DOCKERCLOUD_AUTH over DOCKERCLOUD_USER and DOCKERCLOUD_APIKEY, as the SDKs did', async () => {
    const server = await emulate({}, 'not-the-key');
    process.env.DOCKERCLOUD_AUTH = server.credentials.token; // `TutumAccessKey …`, as Docker Cloud gave its containers
    subscription = printEvents();
    await connected(server);
    const [event] = server.step(1);
    await waitFor(() => log.length >= 1, 'a line');
    expect(log).toEqual([`${event!.type} ${event!.action} ${event!.resource_uri} ${event!.state}`]);
    expect(server.stats().handshakesRefused[401]).toBeUndefined();
  });

  it('passes on messages of a type it does not know, where on_message got their text', async () => {
    const server = await startServer({
      connection: (connection) => void connection.send({ type: 'image', resource_uri: '/api/repo/v1/image/x/' }),
    });
    process.env.DOCKERCLOUD_STREAM_HOST = server.url;
    process.env.DOCKERCLOUD_USER = 'me';
    process.env.DOCKERCLOUD_APIKEY = 'any-key';
    subscription = printEvents();
    await waitFor(() => log.length >= 1, 'a line');
    expect(log).toEqual(['other message: image']);
  });
});

describe('container state changes of one service (Go EventFilter, Python parsing in on_message)', () => {
  it('asks the server to filter and prints only the real changes of that service’s containers', async () => {
    const server = await emulate({ seed: 'migration', world: { stacks: 1, servicesPerStack: 2, containersPerService: 2 } });
    const service = server.world.resources('service')[0]!.resource_uri;
    subscription = followContainersOf(service);
    await connected(server);
    expect(server.connections[0]!.filter).toEqual({ type: ['container'], parent: [service] });

    const sent = server.step(1000);
    // What the guide says the example prints: per container of the service, each new state.
    const last = new Map<string, string>();
    const expected: string[] = [];
    for (const e of sent) {
      if (e.type !== 'container' || !e.parents.includes(service) || e.state === undefined) continue;
      if (last.get(e.resource_uri) === e.state) continue;
      expected.push(`${e.resource_uri} ${last.get(e.resource_uri) ?? '(first seen)'} → ${e.state}`);
      last.set(e.resource_uri, e.state);
    }
    // The run must hold changes of state and repeated updates, or it proves nothing.
    const updates = sent.filter((e) => e.type === 'container' && e.parents.includes(service)).length;
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(updates).toBeGreaterThan(expected.length);
    // The other service's containers were not even sent.
    expect(server.connections[0]!.eventsSent).toBe(updates);

    await waitFor(() => log.length >= expected.length, `${expected.length} lines`);
    await sleep(50);
    expect(log).toEqual(expected);
  });
});

describe('transient and fatal errors (Python on_error/on_close, Go ErrorChan)', () => {
  it('reports a dropped connection as a status, reconnects, and never calls the error callback', async () => {
    const server = await emulate();
    subscription = followWithErrors();
    await connected(server);
    expect(server.faults.dropAll()).toBe(1); // the TCP connection dies: the client sees 1006

    await waitFor(() => warn.length >= 2, 'a reconnection');
    expect(warn[0]).toMatch(/^connection lost \(.+\), retry in \d+ ms$/);
    expect(warn[1]).toBe('reconnected: events sent meanwhile are lost, resync now');
    expect(error).toEqual([]);
    expect(subscription.closed).toBe(false);

    await connected(server);
    const sent = server.step(2);
    await waitFor(() => log.length >= 2, 'events after the reconnection');
    expect(log).toEqual(sent.map((e) => e.type));
    expect(server.stats().connectionsAccepted).toBe(2);
  });

  it('reports a malformed frame as a status and goes on with the events around it', async () => {
    const server = await emulate();
    server.faults.next({ kind: 'malformed', frames: 'json', every: 1, count: 1 }); // after the first event
    subscription = followWithErrors();
    await connected(server);
    const sent = server.step(2);

    await waitFor(() => log.length >= 2, 'both events');
    expect(log).toEqual(sent.map((e) => e.type));
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatch(/^frame rejected and skipped: /);
    expect(error).toEqual([]);
    expect(subscription.closed).toBe(false);
  });

  it('ends with an AuthError when the credentials are refused, without retrying or showing the key', async () => {
    const server = await emulate({}, 'a-wrong-api-key');
    subscription = followWithErrors();

    await waitFor(() => error.length >= 1, 'the fatal error');
    expect(error).toEqual([expect.stringMatching(/^not authorized, fix the credentials: /)]);
    expect(error[0]).not.toContain('a-wrong-api-key');
    expect(warn).toEqual([]);
    expect(subscription.closed).toBe(true);
    await sleep(200);
    expect(server.stats().handshakesRefused[401]).toBe(1);
  });

  it('ends with an AuthError when the credentials are revoked while connected (in-band UNAUTHORIZED)', async () => {
    const server = await emulate();
    subscription = followWithErrors();
    await connected(server);
    server.faults.revokeCredentials('in-band');

    await waitFor(() => error.length >= 1, 'the fatal error');
    expect(error).toEqual([expect.stringMatching(/^not authorized, fix the credentials: /)]);
    expect(warn).toEqual([]);
    expect(subscription.closed).toBe(true);
  });
});

describe('stopping (Go stream.Close(), Python: leave the process)', () => {
  it('stops after N events and closes its socket', async () => {
    const listeners = process.listenerCount('SIGINT');
    const server = await emulate();
    subscription = printSome(3);
    await connected(server);
    expect(process.listenerCount('SIGINT')).toBe(listeners + 1);
    const sent = server.step(5);

    await waitFor(() => log.includes('stopped'), 'the end');
    expect(log).toEqual([...sent.slice(0, 3).map((e) => e.type), 'stopped']);
    await waitFor(() => server.stats().connectionsOpen === 0, 'the socket to close');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('stops on SIGINT and closes its socket', async () => {
    const listeners = process.listenerCount('SIGINT');
    const server = await emulate();
    subscription = printSome(100);
    await connected(server);
    const sent = server.step(1);
    await waitFor(() => log.length >= 1, 'an event');

    process.emit('SIGINT');
    expect(log).toEqual([sent[0]!.type, 'stopped']);
    await waitFor(() => server.stats().connectionsOpen === 0, 'the socket to close');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
    expect(server.stats().connectionsAccepted).toBe(1);
  });
});
