import * as t from 'io-ts';

/**
 * The kinds of resource the stream reports on: the `type` of a resource event.
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
export const ResourceType = /* @__PURE__ */ t.keyof(
  { stack: null, service: null, container: null, nodecluster: null, node: null, action: null },
  'ResourceType',
);
/** One of `stack`, `service`, `container`, `nodecluster`, `node`, `action`. */
export type ResourceType = t.TypeOf<typeof ResourceType>;

/** Every {@link ResourceType}, in the order of the parent-child hierarchy. */
export const RESOURCE_TYPES: readonly ResourceType[] = Object.freeze([
  'stack',
  'service',
  'container',
  'nodecluster',
  'node',
  'action',
]);
