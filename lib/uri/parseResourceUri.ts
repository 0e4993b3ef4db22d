import type { ResourceRef } from './ResourceRef.js';

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i;
const VERSION = /^v\d+$/;
const KIND = /^[a-z][a-z0-9_-]*$/;

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
  let path = uri.trim().replace(ORIGIN, '');
  const end = path.search(/[?#]/);
  if (end >= 0) path = path.slice(0, end);
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments[0] !== 'api' || segments.length < 4) return undefined;
  let section: string | undefined;
  let rest: string[];
  if (VERSION.test(segments[1]!)) {
    rest = segments.slice(2);
  } else if (segments.length >= 5 && VERSION.test(segments[2]!)) {
    section = segments[1];
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  if (rest.length !== 2 && rest.length !== 3) return undefined;
  const [kind, uuid] = rest.slice(-2) as [string, string];
  if (!KIND.test(kind)) return undefined;
  const ref: { kind: string; uuid: string; namespace?: string; section?: string } = { kind, uuid };
  if (rest.length === 3) ref.namespace = rest[0];
  if (section !== undefined) ref.section = section;
  return ref;
}
