import type { EventAction } from '../../model/EventAction.js';
import type { ResourceEvent } from '../../model/ResourceEvent.js';
import type { ResourceType } from '../../model/ResourceType.js';
import type { NamedState } from '../../model/vocabulary.js';
import { formatResourceUri } from '../../uri/formatResourceUri.js';
import { createRandom, type Random } from '../createRandom.js';
import { EmulatorError } from '../EmulatorError.js';
import { ResourceStore, type StoredResource } from '../ResourceStore.js';
import type { WorldConfig } from '../World.js';
import { createSecondFormatter } from './createSecondFormatter.js';
import { NameBook } from './NameBook.js';
import type { ClusterSim, ContainerSim, NodeSim, Operation, ServiceSim, Sim, StackSim } from './Sim.js';

/** Mixed into the seed for the names' own random source: any constant that is not 0. */
const NAMES_SEED = 0x6e616d65;
/** The node type and region of every cluster, by their infra URIs as Docker Cloud wrote them. */
const NODE_TYPE = '/api/infra/v1/nodetype/digitalocean/2gb/';
const REGION = '/api/infra/v1/region/digitalocean/lon1/';

/**
 * What one simulated account holds and the primitives every operation is written in: the
 * clock, the seeded random source, the resource records (what REST shows) with their simulation
 * state, the factories that create them, and the derived states (settling). The initial world is
 * built by the constructor. Operations (the scenarios) and the director are plain functions
 * over it, so that each reads on its own.
 *
 * @internal
 */
export class WorldState {
  readonly store = new ResourceStore();
  readonly random: Random;
  /** The names of new resources, from a random source of their own (see {@link NameBook}). */
  readonly names: NameBook;
  /** The simulated clock, epoch ms. */
  now: number;
  readonly clusters: ClusterSim[] = [];
  readonly stacks: StackSim[] = [];
  /** The event the current segment emitted, until the world hands it out. */
  pending: ResourceEvent | undefined;
  /** Stack deployments chosen but not yet begun: they count among the stacks aimed for. */
  plannedStacks = 0;
  /** Finished actions, oldest first: the audit log keeps only the last few. */
  readonly finishedActions: string[] = [];
  /** ISO 8601 to the second, as events carry `datetime`. */
  readonly iso = createSecondFormatter();

  constructor(readonly config: WorldConfig) {
    this.random = createRandom(config.seed);
    this.names = new NameBook(createRandom((config.seed ^ NAMES_SEED) >>> 0));
    this.now = config.startTime;
    this.populate();
  }

  delay(min: number, max: number): number {
    return this.random.int(min, max);
  }

  // ---- records and events -----------------------------------------------------------------

  emit(rec: StoredResource, action: EventAction): void {
    if (this.pending !== undefined) throw new EmulatorError(`two events in one step (${rec.type} ${action})`, { kind: 'internal' });
    const event = {
      type: rec.type,
      action,
      parents: [...rec.parents],
      resource_uri: rec.resource_uri,
      state: rec.state,
      uuid: this.random.uuid(),
      datetime: this.iso(this.now),
    };
    this.pending = event as ResourceEvent;
  }

  record(type: ResourceType, parents: readonly string[], state: NamedState, fields: Record<string, unknown>): StoredResource {
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

  set(rec: StoredResource, state: NamedState): void {
    rec.state = state;
    this.emit(rec, 'update');
  }

  drop(rec: StoredResource): void {
    this.store.remove(rec.type, rec.uuid);
    this.emit(rec, 'delete');
  }

  // ---- the initial world and the factories ------------------------------------------------

  populate(): void {
    const { config, random } = this;
    const past = (): string => this.iso(this.now - random.int(3_600_000, 30 * 86_400_000));
    for (let c = 0; c < config.nodeClusters; c++) {
      const cluster = this.newCluster('Deployed', past());
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

  newCluster(state: NamedState, deployed: string): ClusterSim {
    const name = this.names.cluster(new Set(this.clusters.map((cluster) => cluster.name)));
    const rec = this.record('nodecluster', [], state, {
      name,
      // Docker Cloud named a cluster's node type and region by their infra URIs.
      node_type: NODE_TYPE,
      region: REGION,
      target_num_nodes: 0,
      current_num_nodes: 0,
      nodes: [],
      deployed_datetime: deployed,
    });
    const cluster: ClusterSim = { rec, busy: false, nodes: [], name };
    this.clusters.push(cluster);
    return cluster;
  }

  newNode(cluster: ClusterSim, state: NamedState, deployed: string): NodeSim {
    const rec = this.record('node', [cluster.rec.resource_uri], state, {
      public_ip: `10.${this.random.int(0, 255)}.${this.random.int(0, 255)}.${this.random.int(1, 254)}`,
      node_type: NODE_TYPE,
      region: REGION,
      docker_version: '1.11.1',
      deployed_datetime: deployed,
      last_seen: deployed,
    });
    rec.fields['external_fqdn'] = `${rec.uuid}.node.dockerapp.io`;
    const node: NodeSim = { rec, busy: false, cluster, containers: new Set() };
    cluster.nodes.push(node);
    return node;
  }

  newStack(state: NamedState, deployed: string | null): StackSim {
    const name = this.names.stack(new Set(this.stacks.map((stack) => stack.name)));
    const rec = this.record('stack', [], state, { name, services: [], deployed_datetime: deployed, destroyed_datetime: null });
    const stack: StackSim = { rec, busy: false, name, services: [], leaving: false };
    this.stacks.push(stack);
    return stack;
  }

  newService(stack: StackSim, state: NamedState, target: number, deployed: string | null): ServiceSim {
    const roles = new Set(stack.services.map((service) => service.role));
    const taken = new Set(this.stacks.flatMap((other) => other.services.map((service) => service.name)));
    const { role, name, image } = this.names.service(stack.name, roles, taken);
    const rec = this.record('service', [stack.rec.resource_uri], state, {
      name,
      unique_name: name,
      image_name: image,
      target_num_containers: target,
      current_num_containers: 0,
      running_num_containers: 0,
      stopped_num_containers: 0,
      containers: [],
      deployed_datetime: deployed,
    });
    const service: ServiceSim = { rec, busy: false, stack, containers: [], role, name, image, nextIndex: 1, target };
    stack.services.push(service);
    return service;
  }

  newContainer(service: ServiceSim, node: NodeSim, state: NamedState, deployed: string): ContainerSim {
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

  syncCluster(cluster: ClusterSim): void {
    cluster.rec.fields['nodes'] = cluster.nodes.map((node) => node.rec.resource_uri);
    cluster.rec.fields['current_num_nodes'] = cluster.nodes.filter((node) => node.rec.state === 'Deployed').length;
    cluster.rec.fields['target_num_nodes'] = cluster.nodes.length;
  }

  syncStack(stack: StackSim): void {
    stack.rec.fields['services'] = stack.services.map((service) => service.rec.resource_uri);
  }

  syncService(service: ServiceSim): void {
    const f = service.rec.fields;
    f['containers'] = service.containers.map((container) => container.rec.resource_uri);
    f['current_num_containers'] = service.containers.length;
    f['running_num_containers'] = service.containers.filter((container) => container.rec.state === 'Running').length;
    f['stopped_num_containers'] = service.containers.filter((container) => container.rec.state === 'Stopped').length;
    f['target_num_containers'] = service.target;
  }

  /** The least loaded node that may take a container now, if any. */
  placeNode(): NodeSim | undefined {
    const nodes = this.availableNodes();
    if (nodes.length === 0) return undefined;
    const least = Math.min(...nodes.map((node) => node.containers.size));
    return this.random.pick(nodes.filter((node) => node.containers.size === least));
  }

  availableNodes(): NodeSim[] {
    return this.clusters.flatMap((cluster) => cluster.nodes).filter((node) => !node.busy && node.rec.state === 'Deployed');
  }

  // ---- settling: derived states, emitted only when they change ------------------------------

  settleService(service: ServiceSim): void {
    const total = service.containers.length;
    const running = service.containers.filter((container) => container.rec.state === 'Running').length;
    const state = total === 0 || running === 0 ? 'Stopped' : running === total ? 'Running' : 'Partly running';
    this.syncService(service);
    if (state !== service.rec.state) this.set(service.rec, state);
  }

  settleStack(stack: StackSim): void {
    const states = stack.services.map((service) => service.rec.state);
    const state = states.every((s) => s === 'Running') ? 'Running' : states.every((s) => s === 'Stopped') ? 'Stopped' : 'Partly running';
    if (state !== stack.rec.state) this.set(stack.rec, state);
  }

  /** Derives the cluster's state from its nodes, unless another operation owns the cluster. */
  settleCluster(cluster: ClusterSim, owner: boolean): void {
    if (cluster.busy && !owner) return;
    this.syncCluster(cluster);
    const ok = cluster.nodes.every((node) => node.rec.state === 'Deployed' || node.rec.state === 'Upgrading');
    const state = cluster.nodes.length === 0 ? 'Empty cluster' : ok ? 'Deployed' : 'Partly deployed';
    if (state !== cluster.rec.state) this.set(cluster.rec, state);
  }

  // ---- locks held by operations -------------------------------------------------------------

  /** Locks `sims` now (before the operation's first segment runs) and returns the operation. */
  begin(sims: readonly Sim[], op: Operation): Operation {
    for (const sim of sims) sim.busy = true;
    return op;
  }

  withStack(stack: StackSim, op: (stack: StackSim) => Operation): Operation {
    return this.begin([stack, ...stack.services], op(stack));
  }

  release(stack: StackSim): void {
    stack.busy = false;
    for (const service of stack.services) service.busy = false;
  }
}
