import type { ResourceType } from '../model/ResourceType.js';
import { formatResourceUri } from '../uri/formatResourceUri.js';

/** The namespace the builders put in URIs unless told otherwise. */
export const TEST_NAMESPACE = 'test';

/**
 * The namespaced URI of a test resource: `/api/app/v1/test/<kind>/<id>/` (or under
 * `/api/audit/v1/` for actions).
 *
 * @example
 * ```ts
 * uri('service', 'web'); // '/api/app/v1/test/service/web/'
 * ```
 */
export function uri(kind: ResourceType | (string & {}), id: string, namespace: string = TEST_NAMESPACE): string {
  return formatResourceUri({ kind, uuid: id, namespace });
}
