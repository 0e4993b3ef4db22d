import { defer, filter, type Observable, type OperatorFunction } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import type { ResourceRef } from '../uri/ResourceRef.js';
import { parentKey, resourceKey } from '../uri/resourceKey.js';
import { ParentageGraph } from '../tracking/ParentageGraph.js';

/** How {@link underParent} decides that an event is under a parent. */
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
 * Keeps the resource events whose `parents` include any of `parents`, like the stream's own
 * `parent` filter but on the client side.
 *
 * Parents are resource URIs in any form (`/api/app/v1/<namespace>/<kind>/<uuid>/`,
 * `/api/app/v1/<kind>/<uuid>/`, Tutum's `/api/v1/<kind>/<uuid>/`, with or without the trailing
 * slash) or {@link ResourceRef}s, and match the event's URIs in any form: both sides are
 * compared by `normalizeResourceUri`. Control messages and unknown events are dropped. At
 * least one parent is required: `underParent()` does not compile, and throws a `TypeError`
 * when called from JavaScript.
 *
 * @example
 * ```ts
 * // What happens to the containers of one service (and to the service itself).
 * events$.pipe(underParent('/api/app/v1/acme/service/5bcf/', { includeSelf: true }));
 * // Everything under a stack, down to the actions on its containers.
 * events$.pipe(underParent({ kind: 'stack', uuid: '1c2d' }, { transitive: true }));
 * ```
 * @see {@link ofType}, {@link ofAction}, {@link distinctByUuid}
 */
export function underParent<E extends CloudEvent>(
  ...parents: [string | ResourceRef, ...(string | ResourceRef)[]]
): OperatorFunction<E, Extract<E, ResourceEvent>>;
/**
 * Keeps the resource events under any of `parents`, as {@link UnderParentOptions} says: the
 * last argument holds the options.
 *
 * @example
 * ```ts
 * events$.pipe(underParent(serviceUri, otherServiceUri, { includeSelf: true, transitive: true }));
 * ```
 */
export function underParent<E extends CloudEvent>(
  ...parentsThenOptions: [string | ResourceRef, ...(string | ResourceRef)[], UnderParentOptions]
): OperatorFunction<E, Extract<E, ResourceEvent>>;
export function underParent<E extends CloudEvent>(
  ...args: (string | ResourceRef | UnderParentOptions)[]
): OperatorFunction<E, Extract<E, ResourceEvent>> {
  const last = args[args.length - 1];
  const hasOptions = isOptions(last);
  const options: UnderParentOptions = hasOptions ? last : {};
  const parents = (hasOptions ? args.slice(0, -1) : args) as (string | ResourceRef)[];
  if (parents.length === 0) throw new TypeError('underParent needs at least one parent');
  for (const parent of parents) {
    if (typeof parent !== 'string' && (typeof parent?.kind !== 'string' || typeof parent.uuid !== 'string')) {
      throw new TypeError('underParent takes resource URIs or ResourceRefs, then the options last');
    }
  }
  const targets: ReadonlySet<string> = new Set(parents.map((parent) => normalizeResourceUri(parent)));
  const includeSelf = options.includeSelf === true;
  const transitive = options.transitive === true;
  return (source) =>
    defer(() =>
      source.pipe(filter(transitive ? learnedParentage(targets, includeSelf) : directParentage(targets, includeSelf))),
    ) as Observable<unknown> as Observable<Extract<E, ResourceEvent>>;
}

function isOptions(argument: string | ResourceRef | UnderParentOptions | undefined): argument is UnderParentOptions {
  return typeof argument === 'object' && argument !== null && !('uuid' in argument);
}

/** The test of one subscription without `transitive`: only the event's own parents count. */
function directParentage(targets: ReadonlySet<string>, includeSelf: boolean): (event: CloudEvent) => boolean {
  return (event) => {
    if (!isResourceEvent(event)) return false;
    if (includeSelf && targets.has(resourceKey(event.resource_uri))) return true;
    const parents = event.parents;
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
