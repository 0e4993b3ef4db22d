import type { ResourceType } from '../model/ResourceType.js';

/**
 * What a resource URI identifies: the kind of resource, its uuid, and the namespace when the
 * URI names one.
 *
 * @example
 * ```ts
 * const ref: ResourceRef = { kind: 'service', uuid: '5bcf…', namespace: 'acme' };
 * ```
 */
export interface ResourceRef {
  /** The kind of resource (`service`, `action`, or one this library does not know). */
  readonly kind: ResourceType | (string & {});
  /** The resource's identifier, unique for its kind. */
  readonly uuid: string;
  /** The namespace (user or organisation) of a namespaced URI. */
  readonly namespace?: string;
  /** The API section of the URI (`app`, `audit`, `infra`…); absent in Tutum's `/api/v1/` URIs. */
  readonly section?: string;
}
