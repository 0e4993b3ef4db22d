import { defer, filter, type Observable, type OperatorFunction } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import type { ResourceRef } from '../uri/ResourceRef.js';
import { parentKey, resourceKey } from '../uri/resourceKey.js';
import { ParentageGraph } from '../tracking/ParentageGraph.js';
import { checkOption } from '../options/checkOption.js';
import type { OptionShape } from '../options/OptionCheck.js';

/**
 * How {@link underParent} decides that an event is under a parent: its second argument.
 *
 * @example
 * ```ts
 * const options: UnderParentOptions = { includeSelf: true, transitive: true };
 * events$.pipe(underParent(stackUri, options));
 * ```
 */
export interface UnderParentOptions {
  /** Also keep the events of the given parents themselves. Default `false`. */
  readonly includeSelf?: boolean;
  /**
   * Also keep the events of their descendants, not only of their direct children. Default
   * `false`.
   *
   * The operator then learns the hierarchy from the stream, since every resource event names
   * its resource's parents: an action on a container counts as under that container's
   * service, stack, node and node cluster once an event of the container has passed. It
   * forgets a resource at the end of its life (see `isEndOfLife`) and never learns actions
   * (nothing is under an action), so its memory follows the live resources.
   */
  readonly transitive?: boolean;
}

/**
 * Keeps the resource events whose `parents` include `parents` (one parent, or any of an array
 * of them), like the stream's own `parent` filter but on the client side.
 *
 * Parents are resource URIs in any form (`/api/app/v1/<namespace>/<kind>/<uuid>/`,
 * `/api/app/v1/<kind>/<uuid>/`, Tutum's `/api/v1/<kind>/<uuid>/`, with or without the trailing
 * slash) or {@link ResourceRef}s, and match the event's URIs in any form: both sides are
 * compared by `normalizeResourceUri`. Control messages and unknown events are dropped.
 *
 * Each argument has one place: the parent or the array of parents first, the options second,
 * so nothing is guessed from an argument's shape.
 *
 * @param parents - One parent, or a non-empty array of them.
 * @param options - See {@link UnderParentOptions}.
 * @throws TypeError when `parents` is not a URI, a `ResourceRef` or a non-empty array of them,
 * or when `options` is not an object of the known options (the message names the option,
 * and the one it most likely meant).
 *
 * @example
 * ```ts
 * // What happens to the containers of one service (and to the service itself).
 * events$.pipe(underParent('/api/app/v1/acme/service/5bcf/', { includeSelf: true }));
 * // Everything under a stack, down to the actions on its containers.
 * events$.pipe(underParent({ kind: 'stack', uuid: '1c2d' }, { transitive: true }));
 * // Under any of several services.
 * events$.pipe(underParent([webUri, dbUri]));
 * ```
 * @see {@link ofType}, {@link ofAction}, {@link distinctByUuid}
 */
export function underParent<E extends CloudEvent>(
  parents: string | ResourceRef | readonly (string | ResourceRef)[],
  options: UnderParentOptions = {},
): OperatorFunction<E, Extract<E, ResourceEvent>> {
  const list: readonly unknown[] = Array.isArray(parents) ? parents : [parents];
  if (list.length === 0 || !list.every(isParent)) fail('parents', 'expected a resource URI or ResourceRef, or a non-empty array of them');
  // A parent in the options' place is the variadic form of earlier versions: say what to write.
  if (isParent(options)) fail('options', 'expected an object; several parents go in one array');
  checkOption(UNDER_PARENT_OPTIONS, options, '', fail);
  const targets: ReadonlySet<string> = new Set((list as (string | ResourceRef)[]).map((p) => normalizeResourceUri(p)));
  // The targets in the forms they were given and in their canonical ones: a URI in one of these
  // forms is a target, known without normalising it.
  const forms = [...list, ...targets].filter((p): p is string => typeof p === 'string' && targets.has(normalizeResourceUri(p)));
  const includeSelf = options.includeSelf === true;
  const transitive = options.transitive === true;
  return (source) =>
    defer(() =>
      source.pipe(filter(transitive ? learnedParentage(targets, includeSelf) : directParentage(targets, forms, includeSelf))),
    ) as Observable<unknown> as Observable<Extract<E, ResourceEvent>>;
}

const UNDER_PARENT_OPTIONS: OptionShape = { includeSelf: 'boolean', transitive: 'boolean' };

function fail(option: string, message: string): never {
  throw new TypeError(`underParent: ${option}: ${message}`);
}

function isParent(parent: unknown): parent is string | ResourceRef {
  if (typeof parent === 'string') return true;
  const ref = parent as ResourceRef | null | undefined;
  return typeof ref === 'object' && ref !== null && typeof ref.kind === 'string' && typeof ref.uuid === 'string';
}

/** The test of one subscription without `transitive`: only the event's own parents count. */
function directParentage(targets: ReadonlySet<string>, forms: readonly string[], includeSelf: boolean): (event: CloudEvent) => boolean {
  return (event) => {
    if (!isResourceEvent(event)) return false;
    const parents = event.parents;
    // First the URIs in a target's very form, compared as they are: a key is a memo lookup,
    // which costs more than comparing the few strings of `forms` with the event's.
    for (const form of forms) if (parents.includes(form) || (includeSelf && event.resource_uri === form)) return true;
    if (includeSelf && targets.has(resourceKey(event.resource_uri))) return true;
    for (let i = 0; i < parents.length; i++) if (targets.has(parentKey(parents[i]!))) return true;
    return false;
  };
}

/**
 * The test of one subscription with `transitive`: the event's parents and their learned
 * ancestors count. Learning comes first, so that an event which moves a resource is judged by
 * its new parents.
 */
function learnedParentage(targets: ReadonlySet<string>, includeSelf: boolean): (event: CloudEvent) => boolean {
  const graph = new ParentageGraph();
  // The event's parents, normalised once and reused by both learning and matching; one array
  // per subscription rather than one per event.
  const parentKeys: string[] = [];
  return (event) => {
    if (!isResourceEvent(event)) return false;
    const self = resourceKey(event.resource_uri);
    const parents = event.parents;
    const count = parents.length;
    for (let i = 0; i < count; i++) parentKeys[i] = parentKey(parents[i]!);
    // A resource without parents adds nothing to a walk: keeping it would only cost memory.
    if (count === 0 || isEndOfLife(event)) graph.forget(self);
    else if (event.type !== 'action') graph.learn(self, parentKeys, count);
    return (includeSelf && targets.has(self)) || graph.reaches(parentKeys, count, targets, self);
  };
}
