import type { ResourceRef } from './ResourceRef.js';
import { sectionOf } from './sectionOf.js';

/**
 * Writes the Docker Cloud URI of a resource: `/api/<section>/v1/[<namespace>/]<kind>/<uuid>/`,
 * under the section the ref names, else the kind's own ({@link SECTION_OF}: `app` for stacks,
 * services and containers, `infra` for node clusters and nodes, `audit` for actions; `app` for
 * a kind this library does not know).
 *
 * @example
 * ```ts
 * formatResourceUri({ kind: 'container', uuid: '0b0e', namespace: 'acme' });
 * // '/api/app/v1/acme/container/0b0e/'
 * formatResourceUri({ kind: 'node', uuid: '8b2f' });
 * // '/api/infra/v1/node/8b2f/'
 * ```
 * @see {@link parseResourceUri}
 */
export function formatResourceUri(ref: ResourceRef): string {
  const namespace = ref.namespace === undefined ? '' : `${ref.namespace}/`;
  return `/api/${ref.section ?? sectionOf(ref.kind)}/v1/${namespace}${ref.kind}/${ref.uuid}/`;
}
