import { isResourceType } from '../model/isResourceType.js';
import type { ResourceRef } from './ResourceRef.js';

const SLASH = 47;

/** `v` followed by digits only: an API version segment. */
function isVersion(segment: string): boolean {
  if (segment.length < 2 || segment.charCodeAt(0) !== 118 /* v */) return false;
  for (let i = 1; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A lower-case word (letters, digits, `_`, `-`) starting with a letter: a resource kind. */
function isKind(segment: string): boolean {
  const first = segment.charCodeAt(0);
  if (!(first >= 97 && first <= 122)) return false;
  for (let i = 1; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

/**
 * Reads a resource URI in any of the forms servers and users wrote it:
 * `/api/app/v1/<namespace>/<kind>/<uuid>/`, `/api/app/v1/<kind>/<uuid>/`, Tutum's
 * `/api/v1/<kind>/<uuid>/`, actions under `/api/audit/v1/…/action/<uuid>/`, with or without the
 * trailing slash, and with an origin (`https://cloud.docker.com/api/…`) or a query string.
 *
 * @returns the resource it names, or `undefined` when `uri` is not a resource URI.
 *
 * @example
 * ```ts
 * parseResourceUri('/api/app/v1/acme/service/5bcf/');
 * // { kind: 'service', uuid: '5bcf', namespace: 'acme', section: 'app' }
 * parseResourceUri('/api/v1/container/0b0e');
 * // { kind: 'container', uuid: '0b0e' }
 * ```
 * @see {@link normalizeResourceUri}, {@link sameResource}
 */
export function parseResourceUri(uri: string): ResourceRef | undefined {
  // Written as a scan rather than with regular expressions: the operators normalise the URIs
  // of every event they see, so this is on the hot path of every pipeline.
  let path = uri;
  const first = path.charCodeAt(0);
  if (first <= 32 || path.charCodeAt(path.length - 1) <= 32) path = path.trim();
  if (path.charCodeAt(0) !== SLASH) {
    const scheme = path.indexOf('://');
    if (scheme > 0) {
      const pathStart = path.indexOf('/', scheme + 3);
      path = pathStart < 0 ? '' : path.slice(pathStart);
    }
  }
  const query = path.indexOf('?');
  if (query >= 0) path = path.slice(0, query);
  const fragment = path.indexOf('#');
  if (fragment >= 0) path = path.slice(0, fragment);

  const segments: string[] = [];
  for (const segment of path.split('/')) if (segment !== '') segments.push(segment);
  if (segments[0] !== 'api' || segments.length < 4) return undefined;
  let section: string | undefined;
  let rest: number;
  if (isVersion(segments[1]!)) {
    rest = 2;
  } else if (segments.length >= 5 && isVersion(segments[2]!)) {
    section = segments[1];
    rest = 3;
  } else {
    return undefined;
  }
  const count = segments.length - rest;
  if (count !== 2 && count !== 3) return undefined;
  const kind = segments[segments.length - 2]!;
  const uuid = segments[segments.length - 1]!;
  if (!isKind(kind)) return undefined;
  // `/api/app/v1/<namespace>/<kind>/` is a listing, shaped like `/api/app/v1/<kind>/<uuid>/`.
  if (count === 2 && isResourceType(uuid) && !isResourceType(kind)) return undefined;
  const ref: { kind: string; uuid: string; namespace?: string; section?: string } = { kind, uuid };
  if (count === 3) ref.namespace = segments[rest];
  if (section !== undefined) ref.section = section;
  return ref;
}
