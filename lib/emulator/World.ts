import type { EventAction } from '../model/EventAction.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import { formatResourceUri } from '../uri/formatResourceUri.js';
import { createRandom, type Random } from './createRandom.js';
import { Emission } from './Emission.js';
import { EmulatorError } from './EmulatorError.js';
import type { EventSource } from './EventPump.js';
import { ResourceStore, type StoredResource } from './ResourceStore.js';

/**
 * Everything the simulation needs, with every default applied.
 *
 * @internal
 */
export interface WorldConfig {
  readonly seed: number;
  readonly namespace: string;
  readonly user: string;
  /** The simulated clock's start, epoch ms. */
  readonly startTime: number;
  readonly nodeClusters: number;
  readonly nodesPerCluster: number;
  readonly stacks: number;
  readonly servicesPerStack: number;
  readonly containersPerService: number;
  readonly failureRate: number;
  readonly actionHistory: number;
}

/**
 * A running operation: a generator whose every `yield` is the simulated delay, in ms, before
 * its next segment. Each segment emits at most one event, so the store (what REST shows)
 * never runs ahead of the events already taken from the world.
 */
type Operation = Generator<number, void, undefined>;
type Step<R> = Generator<number, R, undefined>;

interface Sim {
  readonly rec: StoredResource;
  /** Held by the operation that owns this resource; the director leaves it alone meanwhile. */
  busy: boolean;
}
interface ClusterSim extends Sim {
  readonly nodes: NodeSim[];
  readonly name: string;
}
interface NodeSim extends Sim {
  readonly cluster: ClusterSim;
  readonly containers: Set<ContainerSim>;
}
interface StackSim extends Sim {
  readonly services: ServiceSim[];
  /** Chosen for termination: no longer counted among the stacks the world aims for. */
  leaving: boolean;
}
interface ServiceSim extends Sim {
  readonly stack: StackSim;
  readonly containers: ContainerSim[];
  readonly name: string;
  readonly image: string;
  nextIndex: number;
  target: number;
}
interface ContainerSim {
  readonly rec: StoredResource;
  readonly service: ServiceSim;
  readonly node: NodeSim;
}

type LaunchResult = 'running' | 'stopped' | 'unplaced';

/** How many operations run at once: enough to interleave, few enough to read a log. */
const CONCURRENT_OPERATIONS = 3;

const ADJECTIVES = ['quiet', 'brave', 'lucky', 'rapid', 'amber', 'misty', 'solar', 'crisp', 'noble', 'tidy'];
const NOUNS = ['river', 'falcon', 'harbor', 'meadow', 'comet', 'cedar', 'summit', 'lagoon', 'otter', 'beacon'];
const SERVICES: readonly (readonly [string, string])[] = [
  ['web', 'nginx:1.9'],
  ['api', 'tutum/hello-world:latest'],
  ['db', 'postgres:9.5'],
  ['cache', 'redis:3.0'],
  ['worker', 'python:2.7'],
  ['lb', 'dockercloud/haproxy:1.5'],
  ['queue', 'rabbitmq:3.6'],
  ['search', 'elasticsearch:2.3'],
];
const SETTLED_STACK = new Set(['Running', 'Partly running', 'Stopped', 'Not Running']);
const UP = new Set(['Running', 'Partly running']);

/**
 * The seeded simulation of one Docker Cloud account: node clusters and nodes; stacks,
 * services and containers placed on the nodes; an action for every operation. `next()`
 * advances it to its next event. The same config gives the same sequence of events, uuids
 * and datetimes, whoever calls `next()` and however fast.
 *
 * @remarks
 * A director keeps {@link CONCURRENT_OPERATIONS} operations running, chosen at random among
 * those the current world allows: deploy, start, stop, redeploy and terminate a stack; scale
 * and redeploy a service; a node outage (Unreachable, then Deployed again); a Docker upgrade
 * of a node; scaling a cluster up or down. It deploys when there are fewer stacks than
 * configured and terminates when there are more, so the world stays bounded forever.
 *
 * @internal
 */
export class World implements EventSource {
  readonly store = new ResourceStore();
  private readonly random: Random;
  private now: number;
  private readonly clusters: ClusterSim[] = [];
  private readonly stacks: StackSim[] = [];
  private readonly scheduled: { at: number; seq: number; op: Operation }[] = [];
  private seq = 0;
  private pending: ResourceEvent | undefined;
  private plannedStacks = 0;
  private stackCounter = 0;
  private emitted = 0;
  private readonly finishedActions: string[] = [];

  constructor(private readonly config: WorldConfig) {
    this.random = createRandom(config.seed);
    this.now = config.startTime;
    this.populate();
  }

  /** The number of events taken so far. */
  get eventCount(): number {
    return this.emitted;
  }

  /** The simulated clock, ISO 8601 to the second as events carry it. */
  get datetime(): string {
    return iso(this.now);
  }

  /** The next event, ready to send (the world never runs out). */
  next(): Emission {
    return new Emission(this.nextEvent());
  }

  /** The simulation keeps no recorded times. */
  peekTime(): undefined {
    return undefined;
  }

  /** Advances the world to its next event and returns it. */
  nextEvent(): ResourceEvent {
    // Segments that emit nothing (an idle wait, a settle that changed nothing) are skipped;
    // the bound only guards against a bug turning this into an endless loop.
    for (let guard = 0; guard < 100_000; guard++) {
      this.plan();
      const entry = this.popEarliest();
      if (entry === undefined) throw new EmulatorError('internal', 'the simulation has nothing left to do');
      if (entry.at > this.now) this.now = entry.at;
      const result = entry.op.next();
      if (result.done !== true) this.schedule(entry.op, result.value);
      const event = this.pending;
      if (event !== undefined) {
        this.pending = undefined;
        this.emitted++;
        return event;
      }
    }
    throw new EmulatorError('internal', 'the simulation stopped producing events');
  }

  // ---- scheduling -------------------------------------------------------------------------

  private schedule(op: Operation, delay: number): void {
    this.scheduled.push({ at: this.now + delay, seq: this.seq++, op });
  }

  private popEarliest(): { at: number; seq: number; op: Operation } | undefined {
    let best = -1;
    for (let i = 0; i < this.scheduled.length; i++) {
      const entry = this.scheduled[i]!;
      const current = this.scheduled[best];
      if (current === undefined || entry.at < current.at || (entry.at === current.at && entry.seq < current.seq)) best = i;
    }
    return best < 0 ? undefined : this.scheduled.splice(best, 1)[0];
  }

  private plan(): void {
    while (this.scheduled.length < CONCURRENT_OPERATIONS) {
      const op = this.chooseOperation();
      if (op === undefined) break;
      this.schedule(op, this.random.int(0, 3000));
    }
    // Everything is either busy or impossible right now: let simulated time pass.
    if (this.scheduled.length === 0) this.schedule(idle(), 1000);
  }

  private chooseOperation(): Operation | undefined {
    const candidates: [number, () => Operation][] = [];
    const { random } = this;
    const target = Math.max(1, this.config.stacks);
    const live = this.stacks.filter((stack) => !stack.leaving).length + this.plannedStacks;
    const placeable = this.availableNodes().length > 0;

    if (placeable && live <= target) {
      candidates.push([
        live < target ? 8 : 1,
        () => {
          this.plannedStacks++;
          return this.deployStack();
        },
      ]);
    }
    const idleStacks = this.stacks.filter((stack) => !stack.leaving && stackIdle(stack));
    const terminable = idleStacks.filter((stack) => SETTLED_STACK.has(stack.rec.state));
    if (terminable.length > 0 && live >= target) {
      candidates.push([
        live > target ? 8 : 1,
        () => {
          const stack = random.pick(terminable);
          stack.leaving = true;
          return this.begin([stack, ...stack.services], this.terminateStack(stack));
        },
      ]);
    }
    const up = idleStacks.filter((stack) => UP.has(stack.rec.state));
    const down = idleStacks.filter((stack) => stack.rec.state === 'Stopped' || stack.rec.state === 'Partly running');
    if (up.length > 0) {
      candidates.push([1, () => this.withStack(random.pick(up), (stack) => this.stopStack(stack))]);
      if (placeable) candidates.push([1, () => this.withStack(random.pick(up), (stack) => this.redeployStack(stack))]);
    }
    if (down.length > 0 && placeable) {
      candidates.push([3, () => this.withStack(random.pick(down), (stack) => this.startStack(stack))]);
    }
    const services = up.flatMap((stack) => stack.services).filter((service) => !service.busy && UP.has(service.rec.state));
    if (services.length > 0) {
      const max = Math.max(2, this.config.containersPerService * 2);
      candidates.push([
        3,
        () => {
          const service = random.pick(services);
          const current = service.containers.length;
          let wanted = random.int(1, max);
          if (wanted === current) wanted = current < max ? current + 1 : current - 1;
          if (!placeable && wanted > current) wanted = Math.max(1, current - 1);
          return this.begin([service], this.scaleService(service, wanted));
        },
      ]);
      if (placeable) {
        candidates.push([1, () => {
          const service = random.pick(services);
          return this.begin([service], this.redeployService(service));
        }]);
      }
    }
    const nodes = this.clusters.flatMap((cluster) => cluster.nodes).filter((node) => !node.busy && node.rec.state === 'Deployed');
    if (nodes.length > 0) {
      candidates.push([0.5, () => {
        const node = random.pick(nodes);
        return this.begin([node], this.nodeOutage(node));
      }]);
      candidates.push([0.3, () => {
        const node = random.pick(nodes);
        return this.begin([node], this.upgradeNode(node));
      }]);
    }
    const clusters = this.clusters.filter((cluster) => !cluster.busy);
    const growable = clusters.filter((cluster) => cluster.nodes.length < this.config.nodesPerCluster + 2);
    if (growable.length > 0) {
      candidates.push([0.3, () => {
        const cluster = random.pick(growable);
        return this.begin([cluster], this.growCluster(cluster));
      }]);
    }
    const shrinkable = clusters.filter((cluster) => cluster.nodes.length > this.config.nodesPerCluster && cluster.nodes.some(isEmptyIdleNode));
    if (shrinkable.length > 0) {
      candidates.push([0.4, () => {
        const cluster = random.pick(shrinkable);
        const node = random.pick(cluster.nodes.filter(isEmptyIdleNode));
        return this.begin([cluster, node], this.shrinkCluster(cluster, node));
      }]);
    }
    if (candidates.length === 0) return undefined;
    let draw = random.next() * candidates.reduce((sum, [weight]) => sum + weight, 0);
    for (const [weight, start] of candidates) {
      draw -= weight;
      if (draw < 0) return start();
    }
    return candidates[candidates.length - 1]![1]();
  }

  /** Locks `sims` now (before the operation's first segment runs) and returns the operation. */
  private begin(sims: readonly Sim[], op: Operation): Operation {
    for (const sim of sims) sim.busy = true;
    return op;
  }

  private withStack(stack: StackSim, op: (stack: StackSim) => Operation): Operation {
    return this.begin([stack, ...stack.services], op(stack));
  }

  private delay(min: number, max: number): number {
    return this.random.int(min, max);
  }

  // ---- records and events -----------------------------------------------------------------

  private emit(rec: StoredResource, action: EventAction): void {
    if (this.pending !== undefined) throw new EmulatorError('internal', `two events in one step (${rec.type} ${action})`);
    const event = {
      type: rec.type,
      action,
      parents: [...rec.parents],
      resource_uri: rec.resource_uri,
      state: rec.state,
      uuid: this.random.uuid(),
      datetime: iso(this.now),
    };
    this.pending = event as ResourceEvent;
  }

  private record(type: ResourceType, parents: readonly string[], state: string, fields: Record<string, unknown>): StoredResource {
    const uuid = this.random.uuid();
    const rec: StoredResource = {
      type,
      uuid,
      resource_uri: formatResourceUri({ kind: type, uuid, namespace: this.config.namespace }),
      state,
      parents,
      fields,
    };
    this.store.add(rec);
    return rec;
  }

  private set(rec: StoredResource, state: string): void {
    rec.state = state;
    this.emit(rec, 'update');
  }

  private drop(rec: StoredResource): void {
    this.store.remove(rec.type, rec.uuid);
    this.emit(rec, 'delete');
  }

  // ---- the initial world ------------------------------------------------------------------

  private populate(): void {
    const { config, random } = this;
    const past = (): string => iso(this.now - random.int(3_600_000, 30 * 86_400_000));
    for (let c = 0; c < config.nodeClusters; c++) {
      const cluster = this.newCluster(`cluster-${c + 1}`, 'Deployed', past());
      for (let n = 0; n < config.nodesPerCluster; n++) this.newNode(cluster, 'Deployed', past());
      this.syncCluster(cluster);
    }
    for (let s = 0; s < config.stacks; s++) {
      const stack = this.newStack('Running', past());
      for (let v = 0; v < config.servicesPerStack; v++) {
        const service = this.newService(stack, 'Running', config.containersPerService, past());
        for (let k = 0; k < config.containersPerService; k++) {
          const node = this.placeNode();
          if (node !== undefined) this.newContainer(service, node, 'Running', past());
        }
        this.syncService(service);
      }
      this.syncStack(stack);
    }
  }

  private newCluster(name: string, state: string, deployed: string): ClusterSim {
    const rec = this.record('nodecluster', [], state, {
      name,
      provider: 'digitalocean',
      region: 'lon1',
      node_type: '2gb',
      target_num_nodes: 0,
      current_num_nodes: 0,
      nodes: [],
      deployed_datetime: deployed,
    });
    const cluster: ClusterSim = { rec, busy: false, nodes: [], name };
    this.clusters.push(cluster);
    return cluster;
  }

  private newNode(cluster: ClusterSim, state: string, deployed: string): NodeSim {
    const rec = this.record('node', [cluster.rec.resource_uri], state, {
      public_ip: `10.${this.random.int(0, 255)}.${this.random.int(0, 255)}.${this.random.int(1, 254)}`,
      docker_version: '1.11.1',
      deployed_datetime: deployed,
      last_seen: deployed,
    });
    rec.fields['external_fqdn'] = `${rec.uuid}.node.dockerapp.io`;
    const node: NodeSim = { rec, busy: false, cluster, containers: new Set() };
    cluster.nodes.push(node);
    return node;
  }

  private newStack(state: string, deployed: string | null): StackSim {
    this.stackCounter++;
    const name = `${this.random.pick(ADJECTIVES)}-${this.random.pick(NOUNS)}-${this.stackCounter}`;
    const rec = this.record('stack', [], state, { name, services: [], deployed_datetime: deployed, destroyed_datetime: null });
    const stack: StackSim = { rec, busy: false, services: [], leaving: false };
    this.stacks.push(stack);
    return stack;
  }

  private newService(stack: StackSim, state: string, target: number, deployed: string | null): ServiceSim {
    const taken = new Set(stack.services.map((service) => service.name));
    const free = SERVICES.filter(([name]) => !taken.has(name));
    const [base, image] = free.length > 0 ? this.random.pick(free) : this.random.pick(SERVICES);
    const name = free.length > 0 ? base : `${base}-${stack.services.length + 1}`;
    const rec = this.record('service', [stack.rec.resource_uri], state, {
      name,
      image_name: image,
      target_num_containers: target,
      current_num_containers: 0,
      running_num_containers: 0,
      stopped_num_containers: 0,
      containers: [],
      deployed_datetime: deployed,
    });
    const service: ServiceSim = { rec, busy: false, stack, containers: [], name, image, nextIndex: 1, target };
    stack.services.push(service);
    return service;
  }

  private newContainer(service: ServiceSim, node: NodeSim, state: string, deployed: string): ContainerSim {
    const parents = [service.rec.resource_uri, service.stack.rec.resource_uri, node.rec.resource_uri, node.cluster.rec.resource_uri];
    const rec = this.record('container', parents, state, {
      name: `${service.name}-${service.nextIndex++}`,
      image_name: service.image,
      exit_code: null,
      deployed_datetime: deployed,
      started_datetime: state === 'Running' ? deployed : null,
      stopped_datetime: null,
    });
    const container: ContainerSim = { rec, service, node };
    service.containers.push(container);
    node.containers.add(container);
    return container;
  }

  private syncCluster(cluster: ClusterSim): void {
    cluster.rec.fields['nodes'] = cluster.nodes.map((node) => node.rec.resource_uri);
    cluster.rec.fields['current_num_nodes'] = cluster.nodes.filter((node) => node.rec.state === 'Deployed').length;
    cluster.rec.fields['target_num_nodes'] = cluster.nodes.length;
  }

  private syncStack(stack: StackSim): void {
    stack.rec.fields['services'] = stack.services.map((service) => service.rec.resource_uri);
  }

  private syncService(service: ServiceSim): void {
    const f = service.rec.fields;
    f['containers'] = service.containers.map((container) => container.rec.resource_uri);
    f['current_num_containers'] = service.containers.length;
    f['running_num_containers'] = service.containers.filter((container) => container.rec.state === 'Running').length;
    f['stopped_num_containers'] = service.containers.filter((container) => container.rec.state === 'Stopped').length;
    f['target_num_containers'] = service.target;
  }

  /** The least loaded node that may take a container now, if any. */
  private placeNode(): NodeSim | undefined {
    const nodes = this.availableNodes();
    if (nodes.length === 0) return undefined;
    const least = Math.min(...nodes.map((node) => node.containers.size));
    return this.random.pick(nodes.filter((node) => node.containers.size === least));
  }

  private availableNodes(): NodeSim[] {
    return this.clusters.flatMap((cluster) => cluster.nodes).filter((node) => !node.busy && node.rec.state === 'Deployed');
  }

  // ---- settling: derived states, emitted only when they change ------------------------------

  private settleService(service: ServiceSim): void {
    const total = service.containers.length;
    const running = service.containers.filter((container) => container.rec.state === 'Running').length;
    const state = total === 0 || running === 0 ? 'Stopped' : running === total ? 'Running' : 'Partly running';
    this.syncService(service);
    if (state !== service.rec.state) this.set(service.rec, state);
  }

  private settleStack(stack: StackSim): void {
    const states = stack.services.map((service) => service.rec.state);
    const state = states.every((s) => s === 'Running') ? 'Running' : states.every((s) => s === 'Stopped') ? 'Stopped' : 'Partly running';
    if (state !== stack.rec.state) this.set(stack.rec, state);
  }

  /** Derives the cluster's state from its nodes, unless another operation owns the cluster. */
  private settleCluster(cluster: ClusterSim, owner: boolean): void {
    if (cluster.busy && !owner) return;
    this.syncCluster(cluster);
    const ok = cluster.nodes.every((node) => node.rec.state === 'Deployed' || node.rec.state === 'Upgrading');
    const state = cluster.nodes.length === 0 ? 'Empty cluster' : ok ? 'Deployed' : 'Partly deployed';
    if (state !== cluster.rec.state) this.set(cluster.rec, state);
  }

  // ---- steps shared by operations -----------------------------------------------------------

  private *beginAction(object: StoredResource, name: string, method: string, path: string): Step<StoredResource> {
    yield this.delay(100, 400);
    const action = this.record('action', [object.resource_uri], 'Pending', {
      action: name,
      method,
      path,
      object: object.resource_uri,
      user: this.config.user,
      is_user_action: true,
      ip: '127.0.0.1',
      location: 'Emulator',
      body: '',
      logs: '',
      start_date: iso(this.now),
      end_date: null,
    });
    this.emit(action, 'create');
    yield this.delay(200, 1000);
    this.set(action, 'In progress');
    return action;
  }

  private *endAction(action: StoredResource, failed: boolean): Step<void> {
    yield this.delay(100, 500);
    action.fields['end_date'] = iso(this.now);
    this.set(action, failed ? 'Failed' : 'Success');
    // The audit log forgets the oldest finished actions, so that it stays bounded.
    this.finishedActions.push(action.uuid);
    while (this.finishedActions.length > this.config.actionHistory) this.store.remove('action', this.finishedActions.shift()!);
  }

  private *launchContainer(service: ServiceSim): Step<LaunchResult> {
    yield this.delay(50, 300);
    const node = this.placeNode();
    if (node === undefined) return 'unplaced';
    const container = this.newContainer(service, node, 'Starting', iso(this.now));
    this.syncService(service);
    this.emit(container.rec, 'create');
    return (yield* this.finishStart(container)) ? 'running' : 'stopped';
  }

  private *restartContainer(container: ContainerSim): Step<boolean> {
    yield this.delay(50, 300);
    this.set(container.rec, 'Starting');
    return yield* this.finishStart(container);
  }

  /** Starting → Running, or Stopped when the start fails. Returns whether it runs. */
  private *finishStart(container: ContainerSim): Step<boolean> {
    yield this.delay(1000, 6000);
    const fails = this.random.chance(this.config.failureRate);
    container.rec.fields['exit_code'] = fails ? 1 : null;
    container.rec.fields[fails ? 'stopped_datetime' : 'started_datetime'] = iso(this.now);
    container.rec.state = fails ? 'Stopped' : 'Running';
    this.syncService(container.service);
    this.emit(container.rec, 'update');
    return !fails;
  }

  private *stopContainer(container: ContainerSim): Step<void> {
    yield this.delay(50, 300);
    this.set(container.rec, 'Stopping');
    yield this.delay(500, 3000);
    container.rec.fields['exit_code'] = 0;
    container.rec.fields['stopped_datetime'] = iso(this.now);
    container.rec.state = 'Stopped';
    this.syncService(container.service);
    this.emit(container.rec, 'update');
  }

  private *terminateContainer(container: ContainerSim): Step<void> {
    yield this.delay(50, 300);
    this.set(container.rec, 'Terminating');
    yield this.delay(500, 3000);
    this.set(container.rec, 'Terminated');
    yield this.delay(0, 200);
    const { service } = container;
    service.containers.splice(service.containers.indexOf(container), 1);
    container.node.containers.delete(container);
    this.syncService(service);
    this.drop(container.rec);
  }

  /** A rolling replacement: a new container up, then an old one down, one by one. */
  private *replaceContainers(service: ServiceSim): Step<boolean> {
    let failed = false;
    for (const old of [...service.containers]) {
      const result = yield* this.launchContainer(service);
      failed = failed || result !== 'running';
      yield* this.terminateContainer(old);
    }
    return failed;
  }

  private release(stack: StackSim): void {
    stack.busy = false;
    for (const service of stack.services) service.busy = false;
  }

  // ---- operations -------------------------------------------------------------------------

  private *deployStack(): Operation {
    yield this.delay(0, 2000);
    this.plannedStacks--;
    const stack = this.newStack('Not Running', null);
    stack.busy = true;
    this.emit(stack.rec, 'create');
    const count = this.random.int(1, this.config.servicesPerStack);
    for (let i = 0; i < count; i++) {
      yield this.delay(50, 300);
      const service = this.newService(stack, 'Not running', this.random.int(1, this.config.containersPerService), null);
      service.busy = true;
      this.syncStack(stack);
      this.emit(service.rec, 'create');
    }
    const action = yield* this.beginAction(stack.rec, 'Stack Deploy', 'POST', `${stack.rec.resource_uri}start/`);
    yield this.delay(100, 500);
    stack.rec.fields['deployed_datetime'] = iso(this.now);
    this.set(stack.rec, 'Starting');
    let failed = false;
    for (const service of stack.services) {
      yield this.delay(100, 400);
      service.rec.fields['deployed_datetime'] = iso(this.now);
      this.set(service.rec, 'Starting');
      for (let i = 0; i < service.target; i++) {
        if ((yield* this.launchContainer(service)) !== 'running') failed = true;
      }
      yield this.delay(100, 500);
      this.settleService(service);
    }
    yield this.delay(100, 500);
    this.settleStack(stack);
    yield* this.endAction(action, failed);
    this.release(stack);
  }

  private *startStack(stack: StackSim): Operation {
    const action = yield* this.beginAction(stack.rec, 'Stack Start', 'POST', `${stack.rec.resource_uri}start/`);
    yield this.delay(100, 500);
    this.set(stack.rec, 'Starting');
    let failed = false;
    for (const service of stack.services) {
      if (service.rec.state === 'Running') continue;
      yield this.delay(100, 400);
      this.set(service.rec, 'Starting');
      for (const container of [...service.containers]) {
        if (container.rec.state === 'Stopped' && !(yield* this.restartContainer(container))) failed = true;
      }
      // A service that lost every container (no node could take them) gets new ones.
      for (let i = service.containers.length; i < service.target; i++) {
        if ((yield* this.launchContainer(service)) !== 'running') failed = true;
      }
      yield this.delay(100, 500);
      this.settleService(service);
    }
    yield this.delay(100, 500);
    this.settleStack(stack);
    yield* this.endAction(action, failed);
    this.release(stack);
  }

  private *stopStack(stack: StackSim): Operation {
    const action = yield* this.beginAction(stack.rec, 'Stack Stop', 'POST', `${stack.rec.resource_uri}stop/`);
    yield this.delay(100, 500);
    this.set(stack.rec, 'Stopping');
    for (const service of stack.services) {
      if (service.rec.state === 'Stopped') continue;
      yield this.delay(100, 400);
      this.set(service.rec, 'Stopping');
      for (const container of [...service.containers]) {
        if (container.rec.state === 'Running') yield* this.stopContainer(container);
      }
      yield this.delay(100, 500);
      this.settleService(service);
    }
    yield this.delay(100, 500);
    this.settleStack(stack);
    yield* this.endAction(action, false);
    this.release(stack);
  }

  private *redeployStack(stack: StackSim): Operation {
    const action = yield* this.beginAction(stack.rec, 'Stack Redeploy', 'POST', `${stack.rec.resource_uri}redeploy/`);
    yield this.delay(100, 500);
    this.set(stack.rec, 'Redeploying');
    let failed = false;
    for (const service of stack.services) {
      if (!UP.has(service.rec.state)) continue;
      yield this.delay(100, 400);
      this.set(service.rec, 'Redeploying');
      if (yield* this.replaceContainers(service)) failed = true;
      yield this.delay(100, 500);
      this.settleService(service);
    }
    yield this.delay(100, 500);
    this.settleStack(stack);
    yield* this.endAction(action, failed);
    this.release(stack);
  }

  private *terminateStack(stack: StackSim): Operation {
    const action = yield* this.beginAction(stack.rec, 'Stack Terminate', 'DELETE', stack.rec.resource_uri);
    yield this.delay(100, 500);
    this.set(stack.rec, 'Terminating');
    for (const service of [...stack.services]) {
      yield this.delay(100, 400);
      this.set(service.rec, 'Terminating');
      for (const container of [...service.containers]) yield* this.terminateContainer(container);
      yield this.delay(200, 800);
      this.set(service.rec, 'Terminated');
      yield this.delay(0, 200);
      stack.services.splice(stack.services.indexOf(service), 1);
      this.syncStack(stack);
      this.drop(service.rec);
    }
    yield this.delay(200, 800);
    stack.rec.fields['destroyed_datetime'] = iso(this.now);
    this.set(stack.rec, 'Terminated');
    yield this.delay(0, 200);
    this.stacks.splice(this.stacks.indexOf(stack), 1);
    this.drop(stack.rec);
    yield* this.endAction(action, false);
  }

  private *scaleService(service: ServiceSim, wanted: number): Operation {
    const action = yield* this.beginAction(service.rec, 'Service Scale', 'POST', `${service.rec.resource_uri}scale/`);
    yield this.delay(100, 500);
    service.target = wanted;
    this.syncService(service);
    this.set(service.rec, 'Scaling');
    let failed = false;
    while (service.containers.length < wanted) {
      const result = yield* this.launchContainer(service);
      if (result !== 'running') failed = true;
      if (result === 'unplaced') break;
    }
    // Scaling down removes stopped containers first, then the newest.
    const victims = [...service.containers]
      .reverse()
      .sort((a, b) => Number(b.rec.state === 'Stopped') - Number(a.rec.state === 'Stopped'))
      .slice(0, Math.max(0, service.containers.length - wanted));
    for (const victim of victims) yield* this.terminateContainer(victim);
    yield this.delay(100, 500);
    this.settleService(service);
    yield this.delay(0, 300);
    this.settleStack(service.stack);
    yield* this.endAction(action, failed);
    service.busy = false;
  }

  private *redeployService(service: ServiceSim): Operation {
    const action = yield* this.beginAction(service.rec, 'Service Redeploy', 'POST', `${service.rec.resource_uri}redeploy/`);
    yield this.delay(100, 500);
    this.set(service.rec, 'Redeploying');
    const failed = yield* this.replaceContainers(service);
    yield this.delay(100, 500);
    this.settleService(service);
    yield this.delay(0, 300);
    this.settleStack(service.stack);
    yield* this.endAction(action, failed);
    service.busy = false;
  }

  private *nodeOutage(node: NodeSim): Operation {
    yield this.delay(0, 500);
    this.set(node.rec, 'Unreachable');
    yield this.delay(0, 300);
    this.settleCluster(node.cluster, false);
    yield this.delay(10_000, 60_000);
    node.rec.fields['last_seen'] = iso(this.now);
    this.set(node.rec, 'Deployed');
    yield this.delay(0, 300);
    this.settleCluster(node.cluster, false);
    node.busy = false;
  }

  private *upgradeNode(node: NodeSim): Operation {
    const action = yield* this.beginAction(node.rec, 'Node Upgrade Docker', 'POST', `${node.rec.resource_uri}docker-upgrade/`);
    yield this.delay(100, 500);
    this.set(node.rec, 'Upgrading');
    yield this.delay(5_000, 20_000);
    node.rec.fields['docker_version'] = '1.11.2';
    this.set(node.rec, 'Deployed');
    yield* this.endAction(action, false);
    node.busy = false;
  }

  private *growCluster(cluster: ClusterSim): Operation {
    const action = yield* this.beginAction(cluster.rec, 'Node Cluster Scale', 'PATCH', cluster.rec.resource_uri);
    yield this.delay(100, 500);
    cluster.rec.fields['target_num_nodes'] = cluster.nodes.length + 1;
    this.set(cluster.rec, 'Scaling');
    yield this.delay(200, 1000);
    const node = this.newNode(cluster, 'Deploying', iso(this.now));
    node.busy = true;
    this.emit(node.rec, 'create');
    yield this.delay(20_000, 60_000);
    this.set(node.rec, 'Deployed');
    node.busy = false;
    yield this.delay(100, 500);
    this.settleCluster(cluster, true);
    yield* this.endAction(action, false);
    cluster.busy = false;
  }

  private *shrinkCluster(cluster: ClusterSim, node: NodeSim): Operation {
    const action = yield* this.beginAction(cluster.rec, 'Node Cluster Scale', 'PATCH', cluster.rec.resource_uri);
    yield this.delay(100, 500);
    cluster.rec.fields['target_num_nodes'] = cluster.nodes.length - 1;
    this.set(cluster.rec, 'Scaling');
    yield this.delay(200, 1000);
    this.set(node.rec, 'Terminating');
    yield this.delay(2_000, 10_000);
    this.set(node.rec, 'Terminated');
    yield this.delay(0, 200);
    cluster.nodes.splice(cluster.nodes.indexOf(node), 1);
    this.drop(node.rec);
    yield this.delay(100, 500);
    this.settleCluster(cluster, true);
    yield* this.endAction(action, false);
    cluster.busy = false;
  }
}

function* idle(): Operation {
  // Nothing to do: the first segment emits nothing and the operation ends.
}

function stackIdle(stack: StackSim): boolean {
  return !stack.busy && stack.services.every((service) => !service.busy);
}

function isEmptyIdleNode(node: NodeSim): boolean {
  return !node.busy && node.rec.state === 'Deployed' && node.containers.size === 0;
}

// The last second formatted: events come in bursts within one second of world time.
let isoSecond = NaN;
let isoText = '';

/** ISO 8601 to the second, as Docker Cloud wrote `datetime` (`2016-02-01T16:47:28Z`). */
function iso(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return isoText;
}
