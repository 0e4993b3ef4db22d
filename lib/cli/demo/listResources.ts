import type { ResourceEvent } from '../../model/ResourceEvent.js';
import type { ResourceType } from '../../model/ResourceType.js';

interface Listing {
  readonly meta?: { readonly next?: string | null };
  readonly objects?: readonly Readonly<Record<string, unknown>>[];
}

/** The most pages {@link listResources} follows, so a misbehaving server cannot keep it forever. */
const MAX_PAGES = 100;

/**
 * Lists the live resources of one kind over Docker Cloud's REST API
 * (`/api/app/v1/<namespace>/<kind>/`, following `meta.next`), each as the event that would
 * put a consumer in its state: `{ type, action: 'update', parents, resource_uri, state }`.
 * Feeding these into the same pipeline as the stream is the resync every consumer of the
 * stream did after a reconnect ("list, then watch").
 *
 * @param restUrl - The REST host (`DOCKERCLOUD_REST_HOST`, or `emulator.restUrl`).
 * @param authorization - The `Authorization` header value.
 * @throws an `Error` naming the HTTP status when a page is refused.
 *
 * @example
 * ```ts
 * const services = await listResources(emulator.restUrl, 'emulator', 'service', emulator.credentials.authorization);
 * ```
 */
export async function listResources(restUrl: string, namespace: string, kind: ResourceType, authorization: string): Promise<ResourceEvent[]> {
  const events: ResourceEvent[] = [];
  let path: string | null | undefined = `/api/app/v1/${encodeURIComponent(namespace)}/${kind}/?limit=100`;
  for (let page = 0; path !== null && path !== undefined && page < MAX_PAGES; page++) {
    const response = await fetch(new URL(path, restUrl), { headers: { Authorization: authorization, Accept: 'application/json' } });
    if (!response.ok) throw new Error(`REST listing of ${kind} answered HTTP ${response.status}`);
    const listing = (await response.json()) as Listing;
    for (const object of listing.objects ?? []) {
      const uri = object['resource_uri'];
      const parents = object['parents'];
      const state = object['state'];
      if (typeof uri !== 'string' || !Array.isArray(parents)) continue;
      events.push({
        type: kind,
        action: 'update',
        parents: parents.filter((parent): parent is string => typeof parent === 'string'),
        resource_uri: uri,
        ...(typeof state === 'string' ? { state } : {}),
      });
    }
    path = listing.meta?.next;
  }
  return events;
}
