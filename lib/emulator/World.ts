import type { ResourceEvent } from '../model/ResourceEvent.js';
import { Emission } from './Emission.js';
import { EmulatorError } from './EmulatorError.js';
import type { EventSource } from './EventPump.js';
import type { ResourceStore } from './ResourceStore.js';
import { chooseOperation } from './world/chooseOperation.js';
import { OperationQueue } from './world/OperationQueue.js';
import type { Operation } from './world/Sim.js';
import { WorldState } from './world/WorldState.js';

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

/** How many operations run at once: enough to interleave, few enough to read a log. */
const CONCURRENT_OPERATIONS = 3;

/**
 * The seeded simulation of one Docker Cloud account: node clusters and nodes; stacks,
 * services and containers placed on the nodes; an action for every operation. `next()`
 * advances it to its next event. The same config gives the same sequence of events, uuids
 * and datetimes, whoever calls `next()` and however fast.
 *
 * @remarks
 * A director (`world/chooseOperation.ts`) keeps three operations running, chosen at random among
 * those the current world allows: deploy, start, stop, redeploy and terminate a stack; scale
 * and redeploy a service; a node outage (Unreachable, then Deployed again); a Docker upgrade
 * of a node; scaling a cluster up or down. It deploys when there are fewer stacks than
 * configured and terminates when there are more, so the world stays bounded forever.
 *
 * The parts, in `world/`: the scheduler (`OperationQueue`), the state and its resource
 * factories (`WorldState`), the steps operations share (`sharedSteps`), the scenarios
 * (`stackScenarios`, `serviceScenarios`, `nodeScenarios`) and the director (`chooseOperation`).
 *
 * @internal
 */
export class World implements EventSource {
  private readonly state: WorldState;
  private readonly queue = new OperationQueue();
  private emitted = 0;

  constructor(config: WorldConfig) {
    this.state = new WorldState(config);
  }

  /** The resources as REST shows them. */
  get store(): ResourceStore {
    return this.state.store;
  }

  /** The number of events taken so far. */
  get eventCount(): number {
    return this.emitted;
  }

  /** The simulated clock, ISO 8601 to the second as events carry it. */
  get datetime(): string {
    return this.state.iso(this.state.now);
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
    const { state } = this;
    // Segments that emit nothing (an idle wait, a settle that changed nothing) are skipped;
    // the bound only guards against a bug turning this into an endless loop.
    for (let guard = 0; guard < 100_000; guard++) {
      this.plan();
      const entry = this.queue.popEarliest();
      if (entry === undefined) throw new EmulatorError('the simulation has nothing left to do', { kind: 'internal' });
      if (entry.at > state.now) state.now = entry.at;
      const result = entry.op.next();
      if (result.done !== true) this.schedule(entry.op, result.value);
      const event = state.pending;
      if (event !== undefined) {
        state.pending = undefined;
        this.emitted++;
        return event;
      }
    }
    throw new EmulatorError('the simulation stopped producing events', { kind: 'internal' });
  }

  private schedule(op: Operation, delay: number): void {
    this.queue.push(op, this.state.now + delay);
  }

  private plan(): void {
    while (this.queue.size < CONCURRENT_OPERATIONS) {
      const op = chooseOperation(this.state);
      if (op === undefined) break;
      this.schedule(op, this.state.random.int(0, 3000));
    }
    // Everything is either busy or impossible right now: let simulated time pass.
    if (this.queue.size === 0) this.schedule(idle(), 1000);
  }
}

function* idle(): Operation {
  // Nothing to do: the first segment emits nothing and the operation ends.
}
