import { isEmulatorError, startEmulator, type Emulator, type EmulatorOptions } from '../../lib/emulator/index.js';
import { isEndOfLife } from '../../lib/model/isEndOfLife.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import { KNOWN_STATES } from '../../lib/model/vocabulary.js';
import { ClientPool, dockerCloud, kindOf, rest } from './support.js';

const NS = 'acme';
// Nodes and node clusters under Docker Cloud's infra API, the rest under app.
const URI = new RegExp(
  `^/api/(app/v1/${NS}/(stack|service|container)|infra/v1/${NS}/(nodecluster|node))/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/$`,
);
const ACTION_URI = new RegExp(`^/api/audit/v1/${NS}/action/[0-9a-f-]{36}/$`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** The parents the hierarchy requires, by kind, in the documented order. */
const PARENT_KINDS: Record<string, string[]> = {
  stack: [],
  service: ['stack'],
  container: ['service', 'stack', 'node', 'nodecluster'],
  nodecluster: [],
  node: ['nodecluster'],
};

/**
 * The documented state order: from each state (`''` for a create), the states that may come
 * next. Written from the states table of REFERENCE.md, independently of the emulator's code.
 */
const NEXT: Record<string, Record<string, string[]>> = {
  container: {
    '': ['Starting'],
    Starting: ['Running', 'Stopped'],
    Running: ['Stopping', 'Terminating'],
    Stopping: ['Stopped'],
    Stopped: ['Starting', 'Terminating'],
    Terminating: ['Terminated'],
  },
  service: {
    '': ['Not running'],
    'Not running': ['Starting'],
    Starting: ['Running', 'Partly running', 'Stopped'],
    Running: ['Scaling', 'Redeploying', 'Stopping', 'Terminating'],
    'Partly running': ['Starting', 'Scaling', 'Redeploying', 'Stopping', 'Terminating'],
    Scaling: ['Running', 'Partly running', 'Stopped'],
    Redeploying: ['Running', 'Partly running', 'Stopped'],
    Stopping: ['Stopped'],
    Stopped: ['Starting', 'Terminating'],
    Terminating: ['Terminated'],
  },
  stack: {
    '': ['Not Running'],
    'Not Running': ['Starting'],
    Starting: ['Running', 'Partly running', 'Stopped'],
    // A service scaled or redeployed on its own moves its stack between these three.
    Running: ['Redeploying', 'Stopping', 'Terminating', 'Partly running', 'Stopped'],
    'Partly running': ['Starting', 'Redeploying', 'Stopping', 'Terminating', 'Running', 'Stopped'],
    Redeploying: ['Running', 'Partly running', 'Stopped'],
    Stopping: ['Stopped'],
    Stopped: ['Starting', 'Terminating'],
    Terminating: ['Terminated'],
  },
  node: {
    '': ['Deploying'],
    Deploying: ['Deployed'],
    Deployed: ['Unreachable', 'Upgrading', 'Terminating'],
    Unreachable: ['Deployed'],
    Upgrading: ['Deployed'],
    Terminating: ['Terminated'],
  },
  nodecluster: {
    Deployed: ['Scaling', 'Partly deployed'],
    'Partly deployed': ['Deployed', 'Scaling'],
    Scaling: ['Deployed', 'Partly deployed'],
  },
  action: { '': ['Pending'], Pending: ['In progress'], 'In progress': ['Success', 'Failed'] },
};

const SMALL: EmulatorOptions = {
  seed: 'world',
  paused: true,
  namespace: NS,
  world: { nodeClusters: 1, nodesPerCluster: 2, stacks: 2, servicesPerStack: 2, containersPerService: 2, failureRate: 0.1 },
};

describe('the simulated world', () => {
  const pool = new ClientPool();
  const running: Emulator[] = [];
  const start = async (options: EmulatorOptions = SMALL): Promise<Emulator> => {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
  };
  afterEach(async () => {
    await pool.closeAll();
    await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
  });

  describe('over the wire', () => {
    const STEPS = 3000;
    let emulator: Emulator;
    let events: ResourceEvent[];
    let initial: Map<string, { readonly parents: readonly string[]; readonly state: string }>;

    beforeAll(async () => {
      emulator = await startEmulator(SMALL);
      initial = new Map();
      for (const kind of ['stack', 'service', 'container', 'nodecluster', 'node']) {
        const { body } = await rest(emulator, `/api/app/v1/${kind}/?limit=100`);
        for (const object of body.objects) initial.set(object.resource_uri, object);
      }
      const listener = new ClientPool();
      const client = await listener.connect(...dockerCloud(emulator));
      emulator.step(STEPS);
      await client.waitFrames(STEPS, 10_000);
      // Every frame must decode with the library's own decoder, as a resource event.
      events = client.events();
      await listener.closeAll();
    });
    afterAll(() => emulator.stop());

    it('sends events that decode, each with a uuid, a datetime and a documented state', () => {
      expect(events).toHaveLength(STEPS);
      const bad = events.filter(
        (event) =>
          !UUID.test(event.uuid ?? '') ||
          !DATETIME.test(event.datetime ?? '') ||
          !(KNOWN_STATES[event.type] as readonly string[]).includes(event.state ?? '') ||
          !(event.type === 'action' ? ACTION_URI : URI).test(event.resource_uri) ||
          kindOf(event.resource_uri) !== event.type,
      );
      expect(bad).toEqual([]);
      expect(new Set(events.map((e) => e.uuid)).size).toBe(STEPS);
    });

    it('sends datetimes from a clock that never goes back', () => {
      const times = events.map((e) => Date.parse(e.datetime!));
      expect(times.filter((time, i) => i > 0 && time < times[i - 1]!)).toEqual([]);
      expect(times[times.length - 1]!).toBeGreaterThan(times[0]!);
    });

    it('gives every event exactly the parents the hierarchy requires, consistently', () => {
      const stackOf = new Map<string, string>();
      const clusterOf = new Map<string, string>();
      for (const [uri, object] of initial) {
        if (kindOf(uri) === 'service') stackOf.set(uri, object.parents[0]!);
        if (kindOf(uri) === 'node') clusterOf.set(uri, object.parents[0]!);
      }
      for (const event of events) {
        if (event.type === 'service') stackOf.set(event.resource_uri, event.parents[0]!);
        if (event.type === 'node') clusterOf.set(event.resource_uri, event.parents[0]!);
      }
      const violations: string[] = [];
      for (const event of events) {
        const kinds = event.parents.map(kindOf);
        if (event.type === 'action') {
          if (kinds.length !== 1 || !['stack', 'service', 'node', 'nodecluster'].includes(kinds[0]!))
            violations.push(`action parents ${kinds.join()}`);
          continue;
        }
        if (kinds.join() !== PARENT_KINDS[event.type]!.join()) violations.push(`${event.type} parents ${kinds.join()}`);
        if (event.parents.some((parent) => !URI.test(parent))) violations.push(`${event.type} parent URI form`);
        if (event.type === 'container') {
          const [service, stack, node, cluster] = event.parents;
          if (stackOf.get(service!) !== stack) violations.push('container stack is not its service stack');
          if (clusterOf.get(node!) !== cluster) violations.push('container cluster is not its node cluster');
        }
      }
      expect(violations).toEqual([]);
    });

    it('moves every resource through its states in the documented order', () => {
      const last = new Map<string, string>();
      const ended = new Set<string>();
      for (const [uri, object] of initial) last.set(uri, object.state);
      const violations: string[] = [];
      for (const event of events) {
        const uri = event.resource_uri;
        if (ended.has(uri)) violations.push(`${event.type} ${event.action} after its delete`);
        const previous = last.get(uri);
        if (event.action === 'delete') {
          if (previous !== 'Terminated' || event.state !== 'Terminated') violations.push(`${event.type} deleted from ${previous}`);
          ended.add(uri);
          continue;
        }
        if (event.action === 'create' && previous !== undefined) violations.push(`${event.type} created twice`);
        if (event.action === 'update' && previous === undefined) violations.push(`${event.type} updated before its create`);
        const from = event.action === 'create' ? '' : previous!;
        if (!(NEXT[event.type]![from] ?? []).includes(event.state!)) violations.push(`${event.type}: ${from || 'create'} → ${event.state}`);
        last.set(uri, event.state!);
      }
      expect(violations).toEqual([]);
    });

    it('runs every kind of operation: deploys, terminations, scaling, outages, failures', () => {
      const seen = new Set(events.map((e) => `${e.type}:${e.action}:${e.state}`));
      for (const expected of [
        'stack:create:Not Running',
        'stack:update:Running',
        'stack:update:Stopping',
        'stack:update:Redeploying',
        'stack:update:Terminated',
        'stack:delete:Terminated',
        'service:update:Scaling',
        'service:update:Redeploying',
        'service:delete:Terminated',
        'container:create:Starting',
        'container:update:Running',
        'container:update:Stopped',
        'container:delete:Terminated',
        'node:update:Unreachable',
        'node:update:Deployed',
        'nodecluster:update:Partly deployed',
        'action:create:Pending',
        'action:update:In progress',
        'action:update:Success',
        'action:update:Failed',
      ]) {
        expect(seen).toContain(expected);
      }
    });

    it('ends every action it starts, and each deleted resource with Terminated then delete', () => {
      const actions = new Map<string, string>();
      for (const event of events.filter((e) => e.type === 'action')) actions.set(event.resource_uri, event.state!);
      const finished = [...actions.values()].filter((state) => state === 'Success' || state === 'Failed').length;
      expect(finished).toBeGreaterThan(actions.size - 5); // only the last few may still run
      const deletes = events.filter((e) => e.action === 'delete');
      expect(deletes.length).toBeGreaterThan(10);
      for (const event of deletes) expect(isEndOfLife(event)).toBe(true);
    });

    it('lists what the events say, and 404s what they deleted', async () => {
      const lastOf = new Map<string, ResourceEvent>();
      for (const event of events) lastOf.set(event.resource_uri, event);
      // A sample: every deleted resource, and every tenth of the others.
      const sample = [...lastOf].filter(([, event], i) => event.action === 'delete' || i % 10 === 0);
      const answers = await Promise.all(sample.map(([uri]) => rest(emulator, uri)));
      const violations: string[] = [];
      sample.forEach(([uri, event], i) => {
        const { status, body } = answers[i]!;
        if (event.action === 'delete') {
          if (status !== 404) violations.push(`${uri} deleted but answers ${status}`);
        } else if (event.type !== 'action') {
          if (status !== 200 || body.state !== event.state || JSON.stringify(body.parents) !== JSON.stringify(event.parents)) {
            violations.push(`${uri} answers ${status} ${body?.state}, its last event said ${event.state}`);
          }
        }
      });
      expect(sample.length).toBeGreaterThan(50);
      expect(violations).toEqual([]);
    });
  });

  describe('reproducibility', () => {
    it('sends the same events, uuids and datetimes for the same seed', async () => {
      const [a, b] = [await start(), await start()];
      const [clientA, clientB] = [await pool.connect(...dockerCloud(a)), await pool.connect(...dockerCloud(b))];
      a.step(400);
      b.step(400);
      await Promise.all([clientA.waitFrames(400), clientB.waitFrames(400)]);
      expect(clientA.texts).toEqual(clientB.texts);
      for (const kind of ['stack', 'service', 'container']) {
        expect((await rest(a, `/api/app/v1/${kind}/`)).body).toEqual((await rest(b, `/api/app/v1/${kind}/`)).body);
      }
      expect(a.credentials).toEqual(b.credentials);
    });

    it('gives the same sequence whether stepped or paced by a rate', async () => {
      const expected = (await start()).step(100);
      const paced = await start({ ...SMALL, rate: 5000 });
      const client = await pool.connect(...dockerCloud(paced));
      paced.resume();
      await client.waitFrames(100);
      expect(client.events().slice(0, 100)).toEqual(expected);
    });

    it('differs for another seed', async () => {
      const a = await start();
      const b = await start({ ...SMALL, seed: 'another' });
      expect(a.step(50).map((e) => e.uuid)).not.toEqual(b.step(50).map((e) => e.uuid));
    });
  });

  describe('names', () => {
    /** Every listed object of `kind`, all pages. */
    const everything = async (emulator: Emulator, kind: string): Promise<Record<string, unknown>[]> =>
      (await rest(emulator, `/api/${kind === 'node' || kind === 'nodecluster' ? 'infra' : 'app'}/v1/${kind}/?limit=100`)).body.objects;

    it('names stacks, services and clusters as a person would, each name unique in the namespace all along', async () => {
      const emulator = await start({ ...SMALL, world: { ...SMALL.world, stacks: 5, servicesPerStack: 4 } });
      const seen = new Set<string>();
      for (let round = 0; round < 8; round++) {
        for (const kind of ['stack', 'service', 'nodecluster']) {
          const names = (await everything(emulator, kind)).map((object) => object['name'] as string);
          expect(new Set(names).size).toBe(names.length);
          for (const name of names) {
            // Words a person types, not hex digits: letters, with dashes and a number at most.
            expect(name).toMatch(/^[a-z]+(-[a-z]+)*(-\d+)?$/);
            seen.add(name);
          }
        }
        emulator.step(500);
      }
      // Over a run, stacks come and go: more than a handful of names are used.
      expect(seen.size).toBeGreaterThan(10);
    });

    it('gives services their image, containers `<service>-<n>` and the service image, nodes their external_fqdn', async () => {
      const emulator = await start();
      emulator.step(800);
      const services = new Map((await everything(emulator, 'service')).map((service) => [service['resource_uri'], service]));
      const containers = await everything(emulator, 'container');
      expect(containers.length).toBeGreaterThan(0);
      for (const container of containers) {
        const service = services.get(container['service'])!;
        expect(service).toBeDefined();
        expect(service['image_name']).toMatch(/^[a-z0-9/._-]+:[a-z0-9._-]+$/);
        expect(service['unique_name']).toBe(service['name']);
        expect(container['name']).toMatch(new RegExp(`^${service['name'] as string}-\\d+$`));
        expect(container['image_name']).toBe(service['image_name']);
      }
      const numbers = containers.map((container) => container['name']);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const node of await everything(emulator, 'node'))
        expect(node['external_fqdn']).toBe(`${node['uuid'] as string}.node.dockerapp.io`);
      for (const cluster of await everything(emulator, 'nodecluster')) expect(typeof cluster['name']).toBe('string');
    });

    it('gives the same names for the same seed, and others for another', async () => {
      const names = async (seed: string): Promise<unknown[]> => {
        const emulator = await start({ ...SMALL, seed });
        emulator.step(300);
        return [...(await everything(emulator, 'stack')), ...(await everything(emulator, 'service'))].map((object) => object['name']);
      };
      const [a, b, c] = [await names('names'), await names('names'), await names('other names')];
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    });
  });

  describe('boundedness', () => {
    it('keeps a bounded number of live resources over a long run', async () => {
      const emulator = await start({ ...SMALL, actionHistory: 20 });
      let max = 0;
      for (let i = 0; i < 20; i++) {
        emulator.step(1000);
        const counts = emulator.world.counts();
        expect(counts.stack).toBeLessThanOrEqual(2 + 2);
        expect(counts.node).toBeLessThanOrEqual(2 + 2);
        expect(counts.action).toBeLessThanOrEqual(20 + 3);
        max = Math.max(max, counts.container);
      }
      // At most 4 stacks × 2 services × 4 containers, plus replacements under way.
      expect(max).toBeLessThanOrEqual(4 * 2 * 4 + 6);
      expect(emulator.world.eventCount).toBe(20_000);
      expect(emulator.world.datetime).toMatch(DATETIME);
    });

    it('starts from the configured size, every resource settled', async () => {
      const emulator = await start({
        ...SMALL,
        world: { nodeClusters: 2, nodesPerCluster: 3, stacks: 4, servicesPerStack: 3, containersPerService: 2 },
      });
      expect(emulator.world.counts()).toEqual({ stack: 4, service: 12, container: 24, nodecluster: 2, node: 6, action: 0 });
      for (const service of emulator.world.resources('service')) expect(service.state).toBe('Running');
      for (const node of emulator.world.resources('node')) expect(node.state).toBe('Deployed');
    });

    it('grows a world that starts empty to one stack', async () => {
      const emulator = await start({ ...SMALL, world: { stacks: 0 } });
      expect(emulator.world.counts().stack).toBe(0);
      const events = emulator.step(300);
      expect(events.some((e) => e.type === 'stack' && e.action === 'create')).toBe(true);
    });
  });

  describe('options', () => {
    it.each([
      [{ rate: -1 }, 'rate'],
      [{ rate: 0 }, 'rate'],
      [{ world: { nodeClusters: 0 } }, 'world.nodeClusters'],
      [{ world: { containersPerService: 1.5 } }, 'world.containersPerService'],
      [{ world: { failureRate: 2 } }, 'world.failureRate'],
      [{ namespace: 'a/b' }, 'namespace'],
      [{ user: 'a:b' }, 'user'],
      [{ pingInterval: -5 }, 'pingInterval'],
      [{ startTime: 'yesterday' }, 'startTime'],
      [{ maxConnectionsPerClient: 0 }, 'maxConnectionsPerClient'],
      [{ replay: { file: 'x.jsonl', speed: 0 } }, 'replay.speed'],
      [{ namespace: '..' }, 'namespace'],
      [{ namespace: 'ns?x' }, 'namespace'],
      [{ user: 'me@example.com' }, 'namespace'],
      [{ port: '8080' }, 'port'],
      [{ pingInterval: 2 ** 31 }, 'pingInterval'],
      [{ seeed: 2 }, 'seeed'],
      [{ world: { stack: 2 } }, 'world.stack'],
      [{ replay: {} }, 'replay.file'],
      [{ record: { file: '' } }, 'record.file'],
      [{ dashboard: { folder: 'x' } }, 'dashboard.folder'],
    ] as [EmulatorOptions, string][])('rejects %j naming %s', async (options, option) => {
      const error = await startEmulator(options).catch((e: unknown) => e);
      expect(isEmulatorError(error) && error.kind).toBe('options');
      expect(isEmulatorError(error) && error.option).toBe(option);
    });

    it('says what it expected, what it got, and the key most likely meant', async () => {
      const message = async (options: object): Promise<string> => {
        const error = await startEmulator(options as EmulatorOptions).catch((e: unknown) => e);
        return isEmulatorError(error) ? error.message : 'started';
      };
      expect(await message({ seeed: 2 })).toBe('Invalid option seeed: not an option (did you mean seed?)');
      expect(await message({ world: { stack: 2 } })).toBe('Invalid option world.stack: not an option (did you mean world.stacks?)');
      expect(await message({ port: '8080' })).toBe('Invalid option port: expected a whole number from 0 to 65535, got a string "8080"');
      expect(await message({ apiKey: 'with space' })).toBe(
        'Invalid option apiKey: expected a string matching /^[\\x21-\\x7e]+$/, got a string',
      );
      expect(await message({ user: 'me@example.com' })).toBe(
        'Invalid option namespace: the user "me@example.com" is no namespace: set namespace',
      );
    });

    it('rejects a port in use with an EmulatorError (listen)', async () => {
      const first = await start();
      const error = await startEmulator({ port: first.port }).catch((e: unknown) => e);
      expect(isEmulatorError(error) && error.kind).toBe('listen');
    });

    it('starts the clock at startTime and takes the given credentials', async () => {
      const emulator = await start({ ...SMALL, startTime: '2017-06-01T00:00:00Z', user: 'bob', apiKey: 'k', accessKey: 'a' });
      expect(emulator.step(1)[0]!.datetime!.startsWith('2017-06-01')).toBe(true);
      expect(emulator.credentials).toEqual({
        user: 'bob',
        apiKey: 'k',
        namespace: NS,
        authorization: `Basic ${Buffer.from('bob:k').toString('base64')}`,
        token: 'TutumAccessKey a',
      });
    });
  });
});
