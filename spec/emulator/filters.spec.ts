import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import { ClientPool, delay, dockerCloud, handshakeStatus, kindOf, type TestClient } from './support.js';

const SEED = 'filters';
const STEPS = 600;
const OPTIONS = {
  seed: SEED,
  paused: true,
  namespace: 'acme',
  world: { stacks: 3, servicesPerStack: 2, containersPerService: 2 },
} as const;

/** The uuid of a resource URI. */
const uuidOf = (uri: string): string => uri.split('/').filter(Boolean).pop()!;

/** The URI, among `uris`, that occurs most often. */
function mostFrequent(uris: string[]): string {
  const counts = new Map<string, number>();
  for (const uri of uris) counts.set(uri, (counts.get(uri) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

describe('server-side filters', () => {
  let emulator: Emulator;
  let future: readonly ResourceEvent[];
  const pool = new ClientPool();

  beforeAll(async () => {
    // Same seed, same events: a preview tells which resources the run will talk about.
    const preview = await startEmulator(OPTIONS);
    future = preview.step(STEPS);
    await preview.stop();
  });
  beforeEach(async () => {
    emulator = await startEmulator(OPTIONS);
  });
  afterEach(async () => {
    await pool.closeAll();
    await emulator.stop();
  });

  /** Opens every client, steps the run, and checks each got exactly its share, in order. */
  async function expectFiltered(cases: [query: string, wanted: (e: ResourceEvent) => boolean][]): Promise<void> {
    const all = await pool.connect(...dockerCloud(emulator));
    const clients: [TestClient, (e: ResourceEvent) => boolean][] = [];
    for (const [query, wanted] of cases) clients.push([await pool.connect(...dockerCloud(emulator, query)), wanted]);
    const sent = emulator.step(STEPS);
    expect(sent).toEqual(future);
    await all.waitFrames(STEPS);
    for (const [client, wanted] of clients) {
      const expected = all.texts.filter((_text, i) => wanted(sent[i]!));
      expect(expected.length).toBeGreaterThan(0);
      await client.waitFrames(expected.length);
      await delay(10);
      expect(client.texts).toEqual(expected);
    }
  }

  it('filters by type, one or several (comma-joined or repeated)', async () => {
    await expectFiltered([
      ['?type=container', (e) => e.type === 'container'],
      ['?type=container,service', (e) => e.type === 'container' || e.type === 'service'],
      ['?type=node&type=nodecluster', (e) => e.type === 'node' || e.type === 'nodecluster'],
      ['?type=action', (e) => e.type === 'action'],
    ]);
  });

  it('filters by object, whatever the form of its URI', () => {
    const target = mostFrequent(future.filter((e) => e.type === 'service').map((e) => e.resource_uri));
    const uuid = uuidOf(target);
    const isTarget = (e: ResourceEvent): boolean => e.resource_uri === target;
    return expectFiltered([
      [`?object=${target}`, isTarget],
      [`?object=/api/app/v1/service/${uuid}/`, isTarget],
      [`?object=/api/v1/service/${uuid}`, isTarget],
      [`?object=${encodeURIComponent(`https://cloud.docker.com/api/app/v1/acme/service/${uuid}`)}`, isTarget],
      [`?object=/api/app/v1/acme/service/00000000-0000-4000-8000-000000000000/,${target}`, isTarget],
    ]);
  });

  it('filters by parent, sent as parent or as parents, in any form', () => {
    const stack = mostFrequent(future.flatMap((e) => e.parents).filter((uri) => kindOf(uri) === 'stack'));
    const node = mostFrequent(future.flatMap((e) => e.parents).filter((uri) => kindOf(uri) === 'node'));
    const under =
      (...uris: string[]) =>
      (e: ResourceEvent) =>
        e.parents.some((parent) => uris.includes(parent));
    return expectFiltered([
      [`?parent=${stack}`, under(stack)],
      [`?parents=${stack}`, under(stack)],
      [`?parent=/api/v1/stack/${uuidOf(stack)}`, under(stack)],
      [`?parents=${stack},${node}`, under(stack, node)],
      [`?parent=${stack}&parents=${node}`, under(stack, node)],
    ]);
  });

  it('combines filters of different kinds with AND', () => {
    const stack = mostFrequent(future.flatMap((e) => e.parents).filter((uri) => kindOf(uri) === 'stack'));
    return expectFiltered([
      [`?type=container&parent=${stack}`, (e) => e.type === 'container' && e.parents.includes(stack)],
      [`?type=action,service&parents=${stack}`, (e) => (e.type === 'action' || e.type === 'service') && e.parents.includes(stack)],
    ]);
  });

  it('sends nothing for an object in another namespace', async () => {
    const target = future[0]!.resource_uri.replace('/acme/', '/other/');
    const client = await pool.connect(...dockerCloud(emulator, `?object=${target}`));
    emulator.step(50);
    await delay(30);
    expect(client.frames).toEqual([]);
  });

  it.each([
    ['an unknown type', '?type=image'],
    ['a type in the wrong case', '?type=Container'],
    ['an empty type', '?type='],
    ['one bad type among good ones', '?type=container,bogus'],
    ['an object that is not a resource URI', '?object=/not/a/resource'],
    ['an object listing without uuid', '?object=/api/app/v1/acme/service/'],
    ['a parent that is not a resource URI', '?parent=web'],
    ['an empty parents value', '?parents=/api/v1/stack/1/,'],
  ])('answers 400 to %s', async (_what, query) => {
    expect(await handshakeStatus(...dockerCloud(emulator, query))).toBe(400);
  });

  it('ignores unknown query parameters', async () => {
    expect(await handshakeStatus(...dockerCloud(emulator, '?format=json&since=yesterday'))).toBe(101);
  });

  it('ignores filters on the Tutum path, which had none', async () => {
    const { user, apiKey } = emulator.credentials;
    const client = await pool.connect(`${emulator.url}/v1/events?user=${user}&token=${apiKey}&type=bogus`);
    emulator.step(30);
    await client.waitFrames(31);
  });

  it('describes each connection filter', async () => {
    await pool.connect(...dockerCloud(emulator, '?type=container,service&parents=/api/v1/stack/1/'));
    expect(emulator.connections[0]!.filter).toEqual({ type: ['container', 'service'], parent: ['/api/v1/stack/1/'] });
  });
});
