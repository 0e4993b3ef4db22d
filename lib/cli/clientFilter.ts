import { filter, identity, type MonoTypeOperatorFunction } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import { ofType } from '../operators/ofType.js';
import { underParent } from '../operators/underParent.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';

/** The filters of the command line: each present one narrows (AND); its values are alternatives (OR). */
export interface CliFilter {
  /** Event types. */
  readonly type?: readonly ResourceType[];
  /** Resource URIs of the objects to keep. */
  readonly object?: readonly string[];
  /** Resource URIs of the parents to keep the children of. */
  readonly parent?: readonly string[];
}

/**
 * The filters the server applies on Docker Cloud (`type`, `object`, `parent`), applied on
 * the client with the library's operators instead: `ofType` for types, `underParent` for
 * parents, and a comparison of normalized URIs for objects. For the Tutum stream, which has
 * no server-side filters, and for `replay`. Without filters it is the identity.
 *
 * @example
 * ```ts
 * events$.pipe(clientFilter({ type: ['container'], parent: ['/api/app/v1/acme/service/5bcf/'] }));
 * ```
 */
export function clientFilter(cliFilter: CliFilter): MonoTypeOperatorFunction<CloudEvent> {
  const steps: MonoTypeOperatorFunction<CloudEvent>[] = [];
  const [firstType, ...otherTypes] = cliFilter.type ?? [];
  if (firstType !== undefined) steps.push(ofType<CloudEvent, ResourceType>(firstType, ...otherTypes));
  const objects = cliFilter.object ?? [];
  if (objects.length > 0) {
    const wanted: ReadonlySet<string> = new Set(objects.map((uri) => normalizeResourceUri(uri)));
    steps.push(filter((event) => isResourceEvent(event) && wanted.has(normalizeResourceUri(event.resource_uri))));
  }
  const parents = cliFilter.parent ?? [];
  if (parents.length > 0) {
    steps.push(underParent<CloudEvent>(parents));
  }
  return steps.length === 0 ? identity : (source) => steps.reduce((events$, step) => step(events$), source);
}
