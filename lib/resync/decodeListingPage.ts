import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';

/** One page of a REST listing, its objects read as events of the library's model. */
export interface ListingPage {
  /** The path (or URL) of the next page, `null` on the last one. */
  readonly next: string | null;
  /** How many objects the whole listing has, when the server said. */
  readonly totalCount: number | undefined;
  /** One `update` event per object, in listing order. */
  readonly events: readonly ResourceEvent[];
  /** The objects themselves, as the server sent them, one per event (for their details). */
  readonly objects: readonly unknown[];
}

/** Why a page could not be read: the dotted path of the field at fault, and what was wrong. */
export interface ListingPageFailure {
  readonly path: string;
  readonly detail: string;
}

/** Docker Cloud's fields holding the parents of each kind, in the order events list them. */
const PARENT_FIELDS: Readonly<Record<ResourceType, readonly string[]>> = {
  stack: [],
  service: ['stack'],
  container: ['service', 'stack', 'node', 'node_cluster'],
  nodecluster: [],
  node: ['node_cluster'],
  action: ['object'],
};

function isRecord(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  // Quoted whole: the caller scrubs credentials from it, then cuts it (a cut first could split one).
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `a ${typeof value}`;
}

/**
 * Reads one page of a Docker Cloud listing,
 * `{"meta":{"next", "total_count", …},"objects":[{"resource_uri", "state", …}, …]}`, into
 * events of kind `kind`. An object's parents are its `parents` array when it has one (as the
 * emulator's objects do), else its parents' fields (`stack`, `service`, `node`,
 * `node_cluster`, `object`), in the order events list them. Never throws: a page of the wrong
 * shape is a {@link ListingPageFailure} naming the field. `onEnvelope`, when given, is told the
 * page's `next` and how many objects it has as soon as they are checked, before the objects
 * are read (so that the next page can be asked for meanwhile); a failure may still follow.
 *
 * @example
 * ```ts
 * decodeListingPage('service', { meta: { next: null, total_count: 1 }, objects: [
 *   { uuid: '5bcf', resource_uri: '/api/app/v1/acme/service/5bcf/', state: 'Running', stack: '/api/app/v1/acme/stack/1c2d/' },
 * ] });
 * // { next: null, totalCount: 1, events: [{ type: 'service', action: 'update', parents: ['/api/app/v1/acme/stack/1c2d/'], … }] }
 * ```
 * @internal
 */
export function decodeListingPage(
  kind: ResourceType,
  body: unknown,
  onEnvelope?: (next: string | null, length: number) => void,
): ListingPage | ListingPageFailure {
  if (!isRecord(body)) return { path: '', detail: `expected a JSON object, got ${describe(body)}` };
  const meta = body['meta'];
  if (meta !== undefined && !isRecord(meta)) return { path: 'meta', detail: `expected an object, got ${describe(meta)}` };
  const next = meta?.['next'] ?? null;
  if (next !== null && (typeof next !== 'string' || next === ''))
    return { path: 'meta.next', detail: `expected a path or null, got ${describe(next)}` };
  const total = meta?.['total_count'];
  if (total !== undefined && total !== null && (typeof total !== 'number' || !Number.isInteger(total) || total < 0)) {
    return { path: 'meta.total_count', detail: `expected a count, got ${describe(total)}` };
  }
  const objects = body['objects'];
  if (!Array.isArray(objects)) return { path: 'objects', detail: `expected an array, got ${describe(objects)}` };
  onEnvelope?.(next, objects.length);
  const events: ResourceEvent[] = [];
  for (let i = 0; i < objects.length; i++) {
    const object: unknown = objects[i];
    const at = `objects.${i}`;
    if (!isRecord(object)) return { path: at, detail: `expected an object, got ${describe(object)}` };
    const uri = object['resource_uri'];
    if (typeof uri !== 'string' || uri.trim() === '')
      return { path: `${at}.resource_uri`, detail: `expected a resource URI, got ${describe(uri)}` };
    const state = object['state'];
    if (state !== undefined && state !== null && typeof state !== 'string')
      return { path: `${at}.state`, detail: `expected a string, got ${describe(state)}` };
    let parents: string[];
    const listed = object['parents'];
    if (Array.isArray(listed)) {
      parents = [];
      for (let j = 0; j < listed.length; j++) {
        const parent: unknown = listed[j];
        if (typeof parent !== 'string') return { path: `${at}.parents.${j}`, detail: `expected a resource URI, got ${describe(parent)}` };
        parents.push(parent);
      }
    } else {
      parents = PARENT_FIELDS[kind]
        .map((field) => object[field])
        .filter((value): value is string => typeof value === 'string' && value !== '');
    }
    const event: { type: ResourceType; action: 'update'; parents: readonly string[]; resource_uri: string; state?: string } = {
      type: kind,
      action: 'update',
      parents,
      resource_uri: uri,
    };
    if (typeof state === 'string') event.state = state;
    events.push(event as ResourceEvent);
  }
  return { next, totalCount: typeof total === 'number' ? total : undefined, events, objects };
}
