import type { StateOf } from '../model/ResourceState.js';
import type { ResourceType } from '../model/ResourceType.js';

/**
 * One resource as the emulator's REST API returns it (`GET <resource_uri>`, and each of the
 * `objects` of a listing): a fresh copy, which the caller may keep.
 *
 * @remarks
 * Besides the fields typed here, every resource has its parents' URIs under Docker Cloud's
 * field names — `stack` (service, container), `service`, `node` (container), `node_cluster`
 * (node, container), `object` (action) — and kind-specific fields such as `name`,
 * `image_name`, `target_num_containers` or `action`. A replayed world has only the typed
 * fields and the parents' fields.
 *
 * @example
 * ```ts
 * const service = emulator.world.resources('service')[0];
 * console.log(service?.name, service?.state, service?.stack);
 * ```
 */
export interface WorldResource {
  /** The kind of resource. */
  readonly type: ResourceType;
  /** Its identifier. */
  readonly uuid: string;
  /** Its REST URI, as events carry it. */
  readonly resource_uri: string;
  /** Its state: the `state` of the last event sent about it (or its initial state). */
  readonly state: StateOf<ResourceType>;
  /** Its parents' URIs, exactly as its events carry them. */
  readonly parents: readonly string[];
  /** Every other field of the REST object. */
  readonly [field: string]: unknown;
}
