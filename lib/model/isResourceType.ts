import type { ResourceType } from './ResourceType.js';

/**
 * Whether `value` is one of the six {@link ResourceType}s: the check of `ResourceType.is`,
 * without the codec, for code that must not pull io-ts into a bundle.
 *
 * @example
 * ```ts
 * isResourceType('container'); // true
 * isResourceType('image');     // false: an unknown type, passed through as an UnknownEvent
 * ```
 */
export function isResourceType(value: unknown): value is ResourceType {
  switch (value) {
    case 'stack':
    case 'service':
    case 'container':
    case 'nodecluster':
    case 'node':
    case 'action':
      return true;
    default:
      return false;
  }
}
