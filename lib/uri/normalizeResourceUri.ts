import type { ResourceRef } from './ResourceRef.js';
import { scanResourceUri } from './scanResourceUri.js';
import { sectionOf } from './sectionOf.js';

/**
 * The one canonical URI of the resource a URI names, whatever form it was written in:
 * `/api/<section>/v1/<kind>/<uuid>/`, under the kind's own section ({@link SECTION_OF}:
 * `app`, `infra` for node clusters and nodes, `audit` for actions) whichever section the URI
 * was written under (nodes under `/api/app/v1/`, Tutum's `/api/v1/`…). The namespace is left
 * out, since a uuid already identifies a resource. This is the key under which the operators
 * track resources.
 *
 * A string that is not a resource URI comes back trimmed and unchanged, so that it can still
 * serve as a key.
 *
 * @example
 * ```ts
 * normalizeResourceUri('/api/v1/service/5bcf');                 // '/api/app/v1/service/5bcf/'
 * normalizeResourceUri('/api/app/v1/acme/service/5bcf/');       // '/api/app/v1/service/5bcf/'
 * normalizeResourceUri('/api/audit/v1/acme/action/49f0/');      // '/api/audit/v1/action/49f0/'
 * normalizeResourceUri('/api/app/v1/acme/node/8b2f/');          // '/api/infra/v1/node/8b2f/'
 * ```
 * @see {@link parseResourceUri}, {@link sameResource}
 */
export function normalizeResourceUri(uri: string | ResourceRef): string {
  if (typeof uri !== 'string') return canonicalUri(uri.kind, uri.uuid);
  const span = scanResourceUri(uri);
  if (span === undefined) return uri.trim();
  const text = span.text;
  return canonicalUri(text.slice(span.kindFrom, span.kindTo), text.slice(span.uuidFrom, span.uuidTo));
}

function canonicalUri(kind: string, uuid: string): string {
  return `/api/${sectionOf(kind)}/v1/${kind}/${uuid}/`;
}
