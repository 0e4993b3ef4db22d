import type { ResourceRef } from './ResourceRef.js';
import { parseResourceUri } from './parseResourceUri.js';

/**
 * The one canonical URI of the resource a URI names, whatever form it was written in:
 * `/api/audit/v1/action/<uuid>/` for actions, `/api/app/v1/<kind>/<uuid>/` for everything
 * else. The namespace is left out, since a uuid already identifies a resource. This is the key
 * under which the operators track resources.
 *
 * A string that is not a resource URI comes back trimmed and unchanged, so that it can still
 * serve as a key.
 *
 * @example
 * ```ts
 * normalizeResourceUri('/api/v1/service/5bcf');                 // '/api/app/v1/service/5bcf/'
 * normalizeResourceUri('/api/app/v1/acme/service/5bcf/');       // '/api/app/v1/service/5bcf/'
 * normalizeResourceUri('/api/audit/v1/acme/action/49f0/');      // '/api/audit/v1/action/49f0/'
 * ```
 * @see {@link parseResourceUri}, {@link sameResource}
 */
export function normalizeResourceUri(uri: string | ResourceRef): string {
  if (typeof uri === 'string') {
    const plain = canonicalOfPlainPath(uri);
    if (plain !== undefined) return plain;
  }
  const ref = typeof uri === 'string' ? parseResourceUri(uri) : uri;
  if (ref === undefined) return (uri as string).trim();
  return canonicalUri(ref);
}

function canonicalUri(ref: ResourceRef): string {
  return `/api/${ref.kind === 'action' ? 'audit' : 'app'}/v1/${ref.kind}/${ref.uuid}/`;
}

const SLASH = 47;

/** Whether `uri.slice(from, to)` is `v` and digits: an API version segment. */
function isVersionAt(uri: string, from: number, to: number): boolean {
  if (to - from < 2 || uri.charCodeAt(from) !== 118 /* v */) return false;
  for (let i = from + 1; i < to; i++) {
    const c = uri.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether `uri.slice(from, to)` is a resource kind: a lower-case word starting with a letter. */
function isKindAt(uri: string, from: number, to: number): boolean {
  const first = uri.charCodeAt(from);
  if (!(first >= 97 && first <= 122)) return false;
  for (let i = from + 1; i < to; i++) {
    const c = uri.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** Whether `uri.slice(from, to)` is one of the six resource types. */
function isResourceTypeAt(uri: string, from: number, to: number): boolean {
  switch (to - from) {
    case 4:
      return uri.startsWith('node', from);
    case 5:
      return uri.startsWith('stack', from);
    case 6:
      return uri.startsWith('action', from);
    case 7:
      return uri.startsWith('service', from);
    case 9:
      return uri.startsWith('container', from);
    case 11:
      return uri.startsWith('nodecluster', from);
    default:
      return false;
  }
}

/**
 * The canonical URI of a plain path (`/api/…`, no query, fragment, blank or empty segment):
 * the form every event carries. The same answer as `parseResourceUri` then `canonicalUri`,
 * read off the slashes' positions instead of splitting, since the operators key every new
 * resource by it. `undefined` when the path is not plain or not a resource URI; the general
 * parser then has the last word.
 */
function canonicalOfPlainPath(uri: string): string | undefined {
  const length = uri.length;
  if (
    !uri.startsWith('/api/') ||
    uri.charCodeAt(length - 1) <= 32 ||
    uri.indexOf('?') >= 0 ||
    uri.indexOf('#') >= 0 ||
    uri.indexOf('//') >= 0
  ) {
    return undefined;
  }
  const end = uri.charCodeAt(length - 1) === SLASH ? length - 1 : length;
  // The slash before each segment after `api`, and one past the last segment.
  const cuts: number[] = [];
  for (let at = 4; at < end; ) {
    if (cuts.length === 5) return undefined;
    cuts.push(at);
    const next = uri.indexOf('/', at + 1);
    at = next < 0 || next > end ? end : next;
  }
  const n = cuts.length;
  cuts.push(end);
  // Segments after `api`: [v1, (ns,) kind, uuid] or [section, v1, (ns,) kind, uuid].
  let count: number;
  if (n >= 3 && isVersionAt(uri, cuts[0]! + 1, cuts[1]!)) count = n - 1;
  else if (n >= 4 && isVersionAt(uri, cuts[1]! + 1, cuts[2]!)) count = n - 2;
  else return undefined;
  if (count !== 2 && count !== 3) return undefined;
  const kindFrom = cuts[n - 2]! + 1;
  const kindTo = cuts[n - 1]!;
  const uuidFrom = kindTo + 1;
  if (!isKindAt(uri, kindFrom, kindTo)) return undefined;
  // `/api/app/v1/<namespace>/<kind>/` is a listing, shaped like `/api/app/v1/<kind>/<uuid>/`.
  if (count === 2 && isResourceTypeAt(uri, uuidFrom, end) && !isResourceTypeAt(uri, kindFrom, kindTo)) return undefined;
  const kind = uri.slice(kindFrom, kindTo);
  return `/api/${kind === 'action' ? 'audit' : 'app'}/v1/${kind}/${uri.slice(uuidFrom, end)}/`;
}
