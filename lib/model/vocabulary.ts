// The words of the wire, each spelt out once: the resource types, their states and the
// actions. Everything else (the types, the codecs, the guards, the emulator's routes, the
// command line's help, the option checks, the colours of states) is derived from these lists,
// or is a record over their types that the compiler checks for completeness. To add a
// resource type or a state, edit this file, then fix what `tsc` reports (see
// docs/contributing.md).

import type { ResourceType } from './ResourceType.js';

/**
 * Every resource type, in the order of the parent-child hierarchy: the `type` of a resource
 * event.
 *
 * @example
 * ```ts
 * watchResources({ kinds: [...RESOURCE_TYPES] }); // every kind of resource
 * ```
 */
export const RESOURCE_TYPES = /* @__PURE__ */ Object.freeze(['stack', 'service', 'container', 'nodecluster', 'node', 'action'] as const);

/**
 * A section of Docker Cloud's API: `app` (stacks, services, containers), `infra` (node
 * clusters, nodes) or `audit` (actions, and the events stream).
 *
 * @example
 * ```ts
 * const section: ApiSection = SECTION_OF.node; // 'infra'
 * ```
 */
export type ApiSection = 'app' | 'infra' | 'audit';

/**
 * The API section under which Docker Cloud served each resource type: the `<section>` of its
 * canonical URI `/api/<section>/v1/[<namespace>/]<type>/<uuid>/`, and of its REST listing.
 * `formatResourceUri` and `normalizeResourceUri` write URIs with it; the emulator serves and
 * names its resources with it.
 *
 * @example
 * ```ts
 * `/api/${SECTION_OF.nodecluster}/v1/acme/nodecluster/`; // '/api/infra/v1/acme/nodecluster/'
 * ```
 */
export const SECTION_OF = /* @__PURE__ */ Object.freeze({
  stack: 'app',
  service: 'app',
  container: 'app',
  nodecluster: 'infra',
  node: 'infra',
  action: 'audit',
} as const satisfies { readonly [T in ResourceType]: ApiSection });

/**
 * Every documented state, by resource type (note the capital `R` of a stack's `Not Running`,
 * as documented, and the lower-case one of a service's).
 *
 * @example
 * ```ts
 * KNOWN_STATES.container; // ['Starting', 'Running', 'Stopping', 'Stopped', 'Terminating', 'Terminated']
 * ```
 */
export const KNOWN_STATES = /* @__PURE__ */ Object.freeze({
  stack: ['Not Running', 'Starting', 'Running', 'Partly running', 'Redeploying', 'Stopping', 'Stopped', 'Terminating', 'Terminated'],
  service: [
    'Not running',
    'Starting',
    'Running',
    'Partly running',
    'Scaling',
    'Redeploying',
    'Stopping',
    'Stopped',
    'Terminating',
    'Terminated',
  ],
  container: ['Starting', 'Running', 'Stopping', 'Stopped', 'Terminating', 'Terminated'],
  nodecluster: ['Init', 'Deploying', 'Deployed', 'Partly deployed', 'Scaling', 'Terminating', 'Terminated', 'Empty cluster'],
  node: ['Deploying', 'Deployed', 'Unreachable', 'Upgrading', 'Terminating', 'Terminated'],
  action: ['Pending', 'In progress', 'Canceling', 'Canceled', 'Success', 'Failed'],
} as const satisfies { readonly [T in ResourceType]: readonly string[] });

/**
 * The documented states of each resource type, as types.
 *
 * @example
 * ```ts
 * const s: KnownStates['node'] = 'Unreachable';
 * ```
 */
export type KnownStates = { readonly [T in ResourceType]: (typeof KNOWN_STATES)[T][number] };

/**
 * States seen on the wire that no document lists, for any resource type.
 *
 * @example
 * ```ts
 * OBSERVED_STATES.includes(event.state as ObservedState);
 * ```
 */
export const OBSERVED_STATES = /* @__PURE__ */ Object.freeze(['Start failed', 'Stopped with errors', 'Started'] as const);

/**
 * One of the states seen on the wire that no document lists: `Start failed`,
 * `Stopped with errors`, `Started`.
 *
 * @example
 * ```ts
 * const s: ObservedState = 'Start failed';
 * ```
 */
export type ObservedState = (typeof OBSERVED_STATES)[number];

/**
 * Every state this library has a name for, of any resource type: documented or observed.
 *
 * @internal
 */
export type NamedState = KnownStates[ResourceType] | ObservedState;

/**
 * The states in which a resource is on its way somewhere else: a consumer waiting for things
 * to settle waits while any resource is in one of them. Any other state is settled.
 *
 * @internal
 */
export const TRANSITIONAL_STATES = /* @__PURE__ */ Object.freeze([
  'Init',
  'Pending',
  'In progress',
  'Canceling',
  'Deploying',
  'Upgrading',
  'Starting',
  'Scaling',
  'Redeploying',
  'Stopping',
  'Terminating',
] as const satisfies readonly NamedState[]);

/**
 * What can happen to a resource: the `action` of a resource event.
 *
 * @example
 * ```ts
 * for (const action of EVENT_ACTIONS) console.log(action); // create, update, delete
 * ```
 */
export const EVENT_ACTIONS = /* @__PURE__ */ Object.freeze(['create', 'update', 'delete'] as const);

/**
 * Whether `value` is one of the words of `list`: the one guard every list of this file is
 * checked with (a few string comparisons, as a `switch` would make).
 *
 * @internal
 */
export function isOneOf<W extends string>(list: readonly W[], value: unknown): value is W {
  return (list as readonly unknown[]).includes(value);
}

/**
 * The words of `list` for a message: `"create", "update" or "delete"` (quoted), `stack,
 * service or action` (plain).
 *
 * @internal
 */
export function wordsOf(list: readonly string[], quoted: boolean): string {
  const words = quoted ? list.map((word) => `"${word}"`) : list;
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
}
