import { isResourceType } from '../model/isResourceType.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { StateOf, UnknownState } from '../model/ResourceState.js';
import type { ResourceType } from '../model/ResourceType.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';
import type { WorldResource } from './WorldResource.js';

/**
 * A resource as the emulator keeps it: the event fields, plus the extra REST fields. Mutable,
 * and never handed out: {@link toWorldResource} copies it.
 *
 * @internal
 */
export interface StoredResource {
  readonly type: ResourceType;
  readonly uuid: string;
  readonly resource_uri: string;
  state: StateOf<ResourceType>;
  readonly parents: readonly string[];
  /** Kind-specific REST fields (`name`, `image_name`…), shallow-copied on the way out. */
  readonly fields: Record<string, unknown>;
}

/**
 * Docker Cloud's name of the field holding a parent of this kind, for the kinds that are
 * parents (an action's parent, of any kind, is its `object`): a record over every kind, so
 * that a new kind does not compile until it is given one or none.
 */
const PARENT_FIELD: { readonly [K in ResourceType]: string | undefined } = {
  stack: 'stack',
  service: 'service',
  container: undefined,
  nodecluster: 'node_cluster',
  node: 'node',
  action: undefined,
};

/**
 * The REST representation of a stored resource, as a fresh object.
 *
 * @internal
 */
export function toWorldResource(resource: StoredResource): WorldResource {
  const parentFields: Record<string, string> = {};
  for (const parent of resource.parents) {
    const kind = parseResourceUri(parent)?.kind;
    const field = resource.type === 'action' ? 'object' : isResourceType(kind) ? PARENT_FIELD[kind] : undefined;
    if (field !== undefined) parentFields[field] = parent;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource.fields)) copy[key] = Array.isArray(value) ? [...(value as readonly unknown[])] : value;
  return {
    uuid: resource.uuid,
    resource_uri: resource.resource_uri,
    state: resource.state,
    ...parentFields,
    ...copy,
    type: resource.type,
    parents: [...resource.parents],
  };
}

/**
 * The resources the emulator currently knows, by kind, in creation order: what the REST API
 * lists. The simulation writes it as it emits events; a replay builds it from the events.
 *
 * @internal
 */
export class ResourceStore {
  private readonly byType = new Map<ResourceType, Map<string, StoredResource>>();

  private kind(type: ResourceType): Map<string, StoredResource> {
    let resources = this.byType.get(type);
    if (resources === undefined) {
      resources = new Map();
      this.byType.set(type, resources);
    }
    return resources;
  }

  add(resource: StoredResource): void {
    this.kind(resource.type).set(resource.uuid, resource);
  }

  remove(type: ResourceType, uuid: string): void {
    this.kind(type).delete(uuid);
  }

  get(type: ResourceType, uuid: string): StoredResource | undefined {
    return this.kind(type).get(uuid);
  }

  /** Every resource of `type` still present, `Terminated` ones included, oldest first. */
  all(type: ResourceType): StoredResource[] {
    return [...this.kind(type).values()];
  }

  /** The resources a listing shows: the present ones, less those already `Terminated`. */
  listed(type: ResourceType): StoredResource[] {
    return this.all(type).filter((resource) => resource.state !== 'Terminated');
  }

  /** Applies a replayed event: `create`/`update` write the resource, `delete` removes it. */
  apply(event: ResourceEvent): void {
    const uuid = parseResourceUri(event.resource_uri)?.uuid ?? event.resource_uri;
    if (event.action === 'delete') {
      this.remove(event.type, uuid);
      return;
    }
    const existing = this.get(event.type, uuid);
    // A replayed resource whose events never carried a state: the empty string, no known state.
    const state = event.state ?? existing?.state ?? ('' as UnknownState);
    if (existing !== undefined && existing.resource_uri === event.resource_uri && sameList(existing.parents, event.parents)) {
      existing.state = state;
      return;
    }
    this.add({
      type: event.type,
      uuid,
      resource_uri: event.resource_uri,
      state,
      parents: [...event.parents],
      fields: existing?.fields ?? {},
    });
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
