// Internal: not exported from the barrel, where `ResourceType.is` is the one check. The
// readers of the stream use this one, which needs no io-ts.
import type { ResourceType } from './ResourceType.js';
import { isOneOf, RESOURCE_TYPES } from './vocabulary.js';

/**
 * Whether `value` is one of the {@link RESOURCE_TYPES}: the check of `ResourceType.is`,
 * without the codec, for code that must not pull io-ts into a bundle.
 *
 * @internal
 * @example
 * ```ts
 * isResourceType('container'); // true
 * isResourceType('image');     // false: an unknown type, passed through as an UnknownEvent
 * ```
 */
export function isResourceType(value: unknown): value is ResourceType {
  return isOneOf(RESOURCE_TYPES, value);
}
