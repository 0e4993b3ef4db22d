import type { ResourceRef } from './ResourceRef.js';
import { parseResourceUri } from './parseResourceUri.js';

function refOf(uri: string | ResourceRef): ResourceRef | string {
  return typeof uri === 'string' ? (parseResourceUri(uri) ?? uri.trim().replace(/\/+$/, '')) : uri;
}

/**
 * Whether two resource URIs, in any form, name the same resource: the same kind and uuid, and
 * the same namespace where both name one.
 *
 * @example
 * ```ts
 * sameResource('/api/v1/service/5bcf/', '/api/app/v1/acme/service/5bcf'); // true
 * sameResource('/api/app/v1/acme/service/5bcf/', '/api/app/v1/other/service/5bcf/'); // false
 * ```
 * @see {@link parseResourceUri}, {@link normalizeResourceUri}
 */
export function sameResource(a: string | ResourceRef, b: string | ResourceRef): boolean {
  const left = refOf(a);
  const right = refOf(b);
  if (typeof left === 'string' || typeof right === 'string') return left === right;
  return (
    left.kind === right.kind &&
    left.uuid === right.uuid &&
    (left.namespace === undefined || right.namespace === undefined || left.namespace === right.namespace)
  );
}
