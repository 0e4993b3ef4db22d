import type { ResourceRef } from './ResourceRef.js';

/**
 * Writes the Docker Cloud URI of a resource: `/api/app/v1/[<namespace>/]<kind>/<uuid>/`, or
 * under `/api/audit/v1/` for actions.
 *
 * @example
 * ```ts
 * formatResourceUri({ kind: 'container', uuid: '0b0e', namespace: 'acme' });
 * // '/api/app/v1/acme/container/0b0e/'
 * ```
 * @see {@link parseResourceUri}
 */
export function formatResourceUri(ref: ResourceRef): string {
  const section = ref.section ?? (ref.kind === 'action' ? 'audit' : 'app');
  const namespace = ref.namespace === undefined ? '' : `${ref.namespace}/`;
  return `/api/${section}/v1/${namespace}${ref.kind}/${ref.uuid}/`;
}
