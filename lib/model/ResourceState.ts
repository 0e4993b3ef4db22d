import type { ResourceType } from './ResourceType.js';
import { isOneOf, KNOWN_STATES, type KnownStates, type ObservedState } from './vocabulary.js';

/**
 * A state string that no document lists and no server was seen to send, as the server sent
 * it: it still decodes, since servers reported states that no document named.
 *
 * @remarks
 * At run time it is the plain string off the wire; its type is a template literal whose
 * pattern no string literal in code has. So it is a `string` (every string method, `typeof`
 * and every `string` parameter take it), but no literal is comparable with it: after
 * `ofType('container')`, `event.state === 'Runing'` is a compile error (TS2367) rather than
 * a comparison that is always false. A branded `string & {…}` would not do: TypeScript finds
 * every type built on `string` comparable with every string literal. Handle it by elimination
 * (`isKnownState`, a `switch` over the states you expect and its `default`), and write one
 * in code, in a test for instance, with an explicit `'Exploded' as UnknownState`.
 *
 * @example
 * ```ts
 * if (event.state !== undefined && !isKnownState(event.type, event.state)) log('undocumented state', event.state);
 * ```
 */
export type UnknownState = `\u0000${string}`;

/** The documented states of a container. */
export type ContainerState = KnownStates['container'];
/** The documented states of a service. */
export type ServiceState = KnownStates['service'];
/** The documented states of a stack (note the capital `R` of `Not Running`, as documented). */
export type StackState = KnownStates['stack'];
/** The documented states of a node. */
export type NodeState = KnownStates['node'];
/** The documented states of a node cluster. */
export type NodeClusterState = KnownStates['nodecluster'];
/** The documented states of an action. */
export type ActionState = KnownStates['action'];

/**
 * The state of a resource of type `T`: its documented states, those seen on the wire, or an
 * {@link UnknownState}. A typo is a compile error: `const s: StateOf<'container'> = 'Runing'`
 * does not compile, nor does comparing a container's state with `'Runing'`.
 *
 * @example
 * ```ts
 * const s: StateOf<'container'> = 'Running';
 * ```
 */
export type StateOf<T extends ResourceType> = KnownStates[T] | ObservedState | UnknownState;

/**
 * Whether `state` is one of the documented states of resource type `type`, narrowing it to
 * them; otherwise it is one seen on the wire ({@link ObservedState}) or an
 * {@link UnknownState}.
 *
 * @example
 * ```ts
 * isKnownState('container', 'Running');      // true
 * isKnownState('container', 'Start failed'); // false
 * ```
 */
export function isKnownState<T extends ResourceType>(type: T, state: string | undefined): state is KnownStates[T] {
  return isOneOf<string>(KNOWN_STATES[type], state);
}
