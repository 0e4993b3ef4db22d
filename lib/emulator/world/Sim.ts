import type { ServiceState, StackState } from '../../model/ResourceState.js';
import type { StoredResource } from '../ResourceStore.js';

// The simulation's own view of the resources it drives, and the shape of its operations.
// All @internal: nothing here is exported from a barrel.

/**
 * A running operation: a generator whose every `yield` is the simulated delay, in ms, before
 * its next segment. Each segment emits at most one event, so the store (what REST shows)
 * never runs ahead of the events already taken from the world.
 */
export type Operation = Generator<number, void, undefined>;
export type Step<R> = Generator<number, R, undefined>;

export interface Sim {
  readonly rec: StoredResource;
  /** Held by the operation that owns this resource; the director leaves it alone meanwhile. */
  busy: boolean;
}
export interface ClusterSim extends Sim {
  readonly nodes: NodeSim[];
  readonly name: string;
}
export interface NodeSim extends Sim {
  readonly cluster: ClusterSim;
  readonly containers: Set<ContainerSim>;
}
export interface StackSim extends Sim {
  readonly name: string;
  readonly services: ServiceSim[];
  /** Chosen for termination: no longer counted among the stacks the world aims for. */
  leaving: boolean;
}
export interface ServiceSim extends Sim {
  readonly stack: StackSim;
  readonly containers: ContainerSim[];
  /** What it does (`web`, `redis`…): a stack runs each role once while it can. */
  readonly role: string;
  readonly name: string;
  readonly image: string;
  nextIndex: number;
  target: number;
}
export interface ContainerSim {
  readonly rec: StoredResource;
  readonly service: ServiceSim;
  readonly node: NodeSim;
}

export type LaunchResult = 'running' | 'stopped' | 'unplaced';

/** The states in which a stack or a service counts as up. */
export const UP: ReadonlySet<string> = new Set<StackState & ServiceState>(['Running', 'Partly running']);
