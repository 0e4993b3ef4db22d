// Internal: not exported from the barrel, where `ResourceType.is` is the one check. The
// readers of the stream use this one, which needs no io-ts.
import type { ResourceType } from './ResourceType.js';
import { RESOURCE_TYPES } from './vocabulary.js';

// A set rather than `RESOURCE_TYPES.includes`: every event is checked several times over (the
// decoder, then each operator), and a set lookup of an interned string costs half as much.
const TYPES: ReadonlySet<unknown> = /* @__PURE__ */ new Set<unknown>(RESOURCE_TYPES);

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
  return TYPES.has(value);
}
