import type { ResourceType } from './ResourceType.js';

/**
 * A state string the API documents do not list. It still decodes: servers reported states such
 * as `Start failed` that no document named. The `{}` keeps editors suggesting the known states.
 */
export type UnknownState = string & {};

/** The documented states of a container. */
export type ContainerState = 'Starting' | 'Running' | 'Stopping' | 'Stopped' | 'Terminating' | 'Terminated';

/** The documented states of a service. */
export type ServiceState =
  | 'Not running'
  | 'Starting'
  | 'Running'
  | 'Partly running'
  | 'Scaling'
  | 'Redeploying'
  | 'Stopping'
  | 'Stopped'
  | 'Terminating'
  | 'Terminated';

/** The documented states of a stack (note the capital `R` of `Not Running`, as documented). */
export type StackState =
  | 'Not Running'
  | 'Starting'
  | 'Running'
  | 'Partly running'
  | 'Redeploying'
  | 'Stopping'
  | 'Stopped'
  | 'Terminating'
  | 'Terminated';

/** The documented states of a node. */
export type NodeState = 'Deploying' | 'Deployed' | 'Unreachable' | 'Upgrading' | 'Terminating' | 'Terminated';

/** The documented states of a node cluster. */
export type NodeClusterState =
  | 'Init'
  | 'Deploying'
  | 'Deployed'
  | 'Partly deployed'
  | 'Scaling'
  | 'Terminating'
  | 'Terminated'
  | 'Empty cluster';

/** The documented states of an action. */
export type ActionState = 'Pending' | 'In progress' | 'Canceling' | 'Canceled' | 'Success' | 'Failed';

/** States seen on the wire that no document lists, for any kind of resource. */
export type ObservedState = 'Start failed' | 'Stopped with errors' | 'Started';

/** The known states of each resource type. */
export interface KnownStates {
  readonly stack: StackState;
  readonly service: ServiceState;
  readonly container: ContainerState;
  readonly nodecluster: NodeClusterState;
  readonly node: NodeState;
  readonly action: ActionState;
}

/**
 * The state of a resource of type `T`: its documented states, those seen on the wire, or any
 * other string.
 *
 * @example
 * ```ts
 * const s: StateOf<'container'> = 'Running';
 * ```
 */
export type StateOf<T extends ResourceType> = KnownStates[T] | ObservedState | UnknownState;

/** Every documented state, by resource type. */
export const KNOWN_STATES: { readonly [T in ResourceType]: readonly KnownStates[T][] } = Object.freeze({
  stack: ['Not Running', 'Starting', 'Running', 'Partly running', 'Redeploying', 'Stopping', 'Stopped', 'Terminating', 'Terminated'],
  service: ['Not running', 'Starting', 'Running', 'Partly running', 'Scaling', 'Redeploying', 'Stopping', 'Stopped', 'Terminating', 'Terminated'],
  container: ['Starting', 'Running', 'Stopping', 'Stopped', 'Terminating', 'Terminated'],
  nodecluster: ['Init', 'Deploying', 'Deployed', 'Partly deployed', 'Scaling', 'Terminating', 'Terminated', 'Empty cluster'],
  node: ['Deploying', 'Deployed', 'Unreachable', 'Upgrading', 'Terminating', 'Terminated'],
  action: ['Pending', 'In progress', 'Canceling', 'Canceled', 'Success', 'Failed'],
});

/**
 * Whether `state` is one of the documented states of resource type `type`.
 *
 * @example
 * ```ts
 * isKnownState('container', 'Running');      // true
 * isKnownState('container', 'Start failed'); // false
 * ```
 */
export function isKnownState<T extends ResourceType>(type: T, state: string): state is KnownStates[T] {
  return (KNOWN_STATES[type] as readonly string[]).includes(state);
}
