import { normalizeResourceUri, parseResourceUri, type ResourceEvent } from '../index.js';
import { stateTone, type StateTone } from '../display/stateTone.js';
import { shortId } from '../display/shortId.js';

/** One resource as the dashboard shows it. */
export interface ResourceItem {
  /** Its normalized URI (the key of the cache). */
  readonly key: string;
  readonly type: ResourceEvent['type'];
  /** The first 8 characters of its uuid, as the command line shows it. */
  readonly shortId: string;
  /** Its name (`web`, `web-1`), once its REST details are known. */
  readonly name: string | undefined;
  /** A service's image (`nginx:1.25`), once its REST details are known. */
  readonly image: string | undefined;
  readonly state: string;
  readonly tone: StateTone;
}

/** A service and its containers; `service` is absent for containers whose service is not known. */
export interface ServiceGroup {
  readonly service: ResourceItem | undefined;
  readonly containers: readonly ResourceItem[];
}

/** A stack and its services; `stack` is absent for services whose stack is not known. */
export interface StackGroup {
  readonly stack: ResourceItem | undefined;
  readonly services: readonly ServiceGroup[];
}

/** What the REST API says of a resource, if known: its details' `name` and `image_name`. */
export type DetailsOf = (uri: string) => { readonly name?: string; readonly image_name?: string } | undefined;

function item(key: string, event: ResourceEvent, detailsOf: DetailsOf): ResourceItem {
  const details = detailsOf(event.resource_uri);
  return {
    key,
    type: event.type,
    shortId: shortId(event.resource_uri),
    name: details?.name === '' ? undefined : details?.name,
    image: event.type === 'service' ? details?.image_name : undefined,
    state: event.state ?? 'unknown',
    tone: stateTone(event.state ?? ''),
  };
}

function parentOf(event: ResourceEvent, kind: string): string | undefined {
  const parent = event.parents.find((uri) => parseResourceUri(uri)?.kind === kind);
  return parent === undefined ? undefined : normalizeResourceUri(parent);
}

const byKey = (a: { readonly key: string }, b: { readonly key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Arranges the live resources of a watch's cache by stack, then service, then container, each
 * level in the order of its URIs (the cache's own order is a hash order). A container whose
 * service is not in the cache, or a service whose stack is not, goes to a group without one.
 * Each resource carries its name (and a service its image) from `detailsOf`, when known.
 *
 * @example
 * ```ts
 * watch.cache.pipe(map((view) => groupResources(view, (uri) => names.get(uri)))).subscribe((stacks) => render(stacks));
 * ```
 */
export function groupResources(resources: ReadonlyMap<string, ResourceEvent>, detailsOf: DetailsOf = () => undefined): StackGroup[] {
  const stacks = new Map<
    string | undefined,
    {
      stack: ResourceItem | undefined;
      services: Map<string | undefined, { service: ResourceItem | undefined; containers: ResourceItem[] }>;
    }
  >();
  const stackOf = (key: string | undefined) => {
    let group = stacks.get(key);
    if (group === undefined) stacks.set(key, (group = { stack: undefined, services: new Map() }));
    return group;
  };
  const serviceStack = new Map<string, string | undefined>();
  for (const [key, event] of resources) if (event.type === 'service') serviceStack.set(key, parentOf(event, 'stack'));
  const serviceOf = (stackKey: string | undefined, serviceKey: string | undefined) => {
    const services = stackOf(stackKey).services;
    let group = services.get(serviceKey);
    if (group === undefined) services.set(serviceKey, (group = { service: undefined, containers: [] }));
    return group;
  };
  for (const [key, event] of resources) {
    if (event.type === 'stack') stackOf(key).stack = item(key, event, detailsOf);
    else if (event.type === 'service') serviceOf(serviceStack.get(key), key).service = item(key, event, detailsOf);
    else if (event.type === 'container') {
      const service = parentOf(event, 'service');
      const known = service !== undefined && serviceStack.has(service);
      serviceOf(known ? serviceStack.get(service) : parentOf(event, 'stack'), known ? service : undefined).containers.push(
        item(key, event, detailsOf),
      );
    }
  }
  const groups = [...stacks.entries()].map(([key, group]) => ({
    key: key ?? '~',
    stack: group.stack,
    services: [...group.services.entries()]
      .map(([serviceKey, s]) => ({ key: serviceKey ?? '~', service: s.service, containers: s.containers.sort(byKey) }))
      .sort(byKey)
      .map(({ service, containers }) => ({ service, containers })),
  }));
  return groups.sort(byKey).map(({ stack, services }) => ({ stack, services }));
}
