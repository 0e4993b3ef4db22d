import type { ResourceRef } from './ResourceRef.js';
import { scanResourceUri } from './scanResourceUri.js';

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
  const span = scanResourceUri(uri);
  if (span === undefined) return undefined;
  const text = span.text;
  const ref: { kind: string; uuid: string; namespace?: string; section?: string } = {
    kind: text.slice(span.kindFrom, span.kindTo),
    uuid: text.slice(span.uuidFrom, span.uuidTo),
  };
  if (span.namespaceFrom >= 0) ref.namespace = text.slice(span.namespaceFrom, span.namespaceTo);
  if (span.sectionFrom >= 0) ref.section = text.slice(span.sectionFrom, span.sectionTo);
  return ref;
}
