import type { StackState } from '../../model/ResourceState.js';
import { growCluster, nodeOutage, shrinkCluster, upgradeNode } from './nodeScenarios.js';
import { redeployService, scaleService } from './serviceScenarios.js';
import { UP, type NodeSim, type Operation, type StackSim } from './Sim.js';
import { deployStack, redeployStack, startStack, stopStack, terminateStack } from './stackScenarios.js';
import type { WorldState } from './WorldState.js';

const SETTLED_STACK: ReadonlySet<string> = new Set<StackState>(['Running', 'Partly running', 'Stopped', 'Not Running']);

/**
 * The director: picks the next operation at random, weighted, among those the current world
 * allows, and locks the resources it will drive before it starts. It deploys when there are
 * fewer stacks than configured and terminates when there are more, so the world stays bounded.
 *
 * @internal
 */
export function chooseOperation(w: WorldState): Operation | undefined {
  const candidates: [number, () => Operation][] = [];
  const { random } = w;
  const target = Math.max(1, w.config.stacks);
  const live = w.stacks.filter((stack) => !stack.leaving).length + w.plannedStacks;
  const placeable = w.availableNodes().length > 0;

  if (placeable && live <= target) {
    candidates.push([
      live < target ? 8 : 1,
      () => {
        w.plannedStacks++;
        return deployStack(w);
      },
    ]);
  }
  const idleStacks = w.stacks.filter((stack) => !stack.leaving && stackIdle(stack));
  const terminable = idleStacks.filter((stack) => SETTLED_STACK.has(stack.rec.state));
  if (terminable.length > 0 && live >= target) {
    candidates.push([
      live > target ? 8 : 1,
      () => {
        const stack = random.pick(terminable);
        stack.leaving = true;
        return w.begin([stack, ...stack.services], terminateStack(w, stack));
      },
    ]);
  }
  const up = idleStacks.filter((stack) => UP.has(stack.rec.state));
  const down = idleStacks.filter((stack) => stack.rec.state === 'Stopped' || stack.rec.state === 'Partly running');
  if (up.length > 0) {
    candidates.push([1, () => w.withStack(random.pick(up), (stack) => stopStack(w, stack))]);
    if (placeable) candidates.push([1, () => w.withStack(random.pick(up), (stack) => redeployStack(w, stack))]);
  }
  if (down.length > 0 && placeable) {
    candidates.push([3, () => w.withStack(random.pick(down), (stack) => startStack(w, stack))]);
  }
  const services = up.flatMap((stack) => stack.services).filter((service) => !service.busy && UP.has(service.rec.state));
  if (services.length > 0) {
    const max = Math.max(2, w.config.containersPerService * 2);
    candidates.push([
      3,
      () => {
        const service = random.pick(services);
        const current = service.containers.length;
        let wanted = random.int(1, max);
        if (wanted === current) wanted = current < max ? current + 1 : current - 1;
        if (!placeable && wanted > current) wanted = Math.max(1, current - 1);
        return w.begin([service], scaleService(w, service, wanted));
      },
    ]);
    if (placeable) {
      candidates.push([
        1,
        () => {
          const service = random.pick(services);
          return w.begin([service], redeployService(w, service));
        },
      ]);
    }
  }
  const nodes = w.clusters.flatMap((cluster) => cluster.nodes).filter((node) => !node.busy && node.rec.state === 'Deployed');
  if (nodes.length > 0) {
    candidates.push([
      0.5,
      () => {
        const node = random.pick(nodes);
        return w.begin([node], nodeOutage(w, node));
      },
    ]);
    candidates.push([
      0.3,
      () => {
        const node = random.pick(nodes);
        return w.begin([node], upgradeNode(w, node));
      },
    ]);
  }
  const clusters = w.clusters.filter((cluster) => !cluster.busy);
  const growable = clusters.filter((cluster) => cluster.nodes.length < w.config.nodesPerCluster + 2);
  if (growable.length > 0) {
    candidates.push([
      0.3,
      () => {
        const cluster = random.pick(growable);
        return w.begin([cluster], growCluster(w, cluster));
      },
    ]);
  }
  const shrinkable = clusters.filter((cluster) => cluster.nodes.length > w.config.nodesPerCluster && cluster.nodes.some(isEmptyIdleNode));
  if (shrinkable.length > 0) {
    candidates.push([
      0.4,
      () => {
        const cluster = random.pick(shrinkable);
        const node = random.pick(cluster.nodes.filter(isEmptyIdleNode));
        return w.begin([cluster, node], shrinkCluster(w, cluster, node));
      },
    ]);
  }
  if (candidates.length === 0) return undefined;
  let draw = random.next() * candidates.reduce((sum, [weight]) => sum + weight, 0);
  for (const [weight, start] of candidates) {
    draw -= weight;
    if (draw < 0) return start();
  }
  return candidates[candidates.length - 1]![1]();
}

function stackIdle(stack: StackSim): boolean {
  return !stack.busy && stack.services.every((service) => !service.busy);
}

function isEmptyIdleNode(node: NodeSim): boolean {
  return !node.busy && node.rec.state === 'Deployed' && node.containers.size === 0;
}
