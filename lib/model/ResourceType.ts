import { keyofList } from './keyofList.js';
import { RESOURCE_TYPES } from './vocabulary.js';

/**
 * Codec of the kinds of resource the stream reports on: the `type` of a resource event.
 * Derived from {@link RESOURCE_TYPES}, the one list of them.
 *
 * @remarks
 * A codec and a type of the same name: `ResourceType.is(x)` checks a value at run time.
 *
 * @example
 * ```ts
 * ResourceType.is('container'); // true
 * ResourceType.is('image');     // false: an unknown type, passed through as an UnknownEvent
 * ```
 */
export const ResourceType = /* @__PURE__ */ keyofList(RESOURCE_TYPES, 'ResourceType');
/** One of `stack`, `service`, `container`, `nodecluster`, `node`, `action`: see {@link RESOURCE_TYPES}. */
export type ResourceType = (typeof RESOURCE_TYPES)[number];
