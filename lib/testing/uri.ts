import type { ResourceType } from '../model/ResourceType.js';
import { formatResourceUri } from '../uri/formatResourceUri.js';

/** The namespace the builders put in URIs unless told otherwise. */
export const TEST_NAMESPACE = 'test';

/**
 * The namespaced URI of a test resource: `/api/<section>/v1/test/<kind>/<id>/`, under the
 * kind's API section (`app`; `infra` for node clusters and nodes; `audit` for actions).
 *
 * @example
 * ```ts
 * uri('service', 'web'); // '/api/app/v1/test/service/web/'
 * uri('node', 'n1');     // '/api/infra/v1/test/node/n1/'
 * ```
 */
export function uri(kind: ResourceType | (string & {}), id: string, namespace: string = TEST_NAMESPACE): string {
  return formatResourceUri({ kind, uuid: id, namespace });
}
