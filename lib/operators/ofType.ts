import { filter, type OperatorFunction } from 'rxjs';
import type { CloudEvent } from '../model/CloudEvent.js';

/**
 * The `type`s {@link ofType} accepts for a stream of `E`: the known types `E` can have. The
 * `type` of an {@link UnknownEvent} (any string) is not among them, so a misspelt type does not
 * compile: use {@link ofUnknownType} for the types the library does not know.
 *
 * @example
 * ```ts
 * const t: EventTypeOf<ContainerEvent | ServiceEvent> = 'service'; // 'container' | 'service'
 * ```
 */
export type EventTypeOf<E extends CloudEvent> = E extends unknown ? (string extends E['type'] ? never : E['type']) : never;

/**
 * The events of `E` whose `type` is `K`.
 *
 * @example
 * ```ts
 * type C = OfType<CloudEvent, 'container'>; // ContainerEvent
 * ```
 */
export type OfType<E extends CloudEvent, K extends string> = Extract<E, { readonly type: K }>;

/**
 * Keeps the events whose `type` is one of `types`, and narrows the stream's type to them.
 *
 * Works for resource types (`container`, `service`…) and control messages (`error`,
 * `auth`…): a type the library does not know, misspelt or not (`ofType('contianer')`), is a
 * compile error; {@link ofUnknownType} keeps the events of such types (`image`). At least one
 * type is required: `ofType()` does not compile, and throws a `TypeError` when called from
 * JavaScript.
 *
 * @example
 * ```ts
 * events$.pipe(ofType('container')).subscribe((event) => {
 *   console.log(event.resource_uri, event.state); // event: ContainerEvent
 * });
 * events$.pipe(ofType('container', 'service')); // Observable<ContainerEvent | ServiceEvent>
 * ```
 * @see {@link ofUnknownType}, {@link ofAction}, {@link underParent}, {@link distinctByUuid}
 */
export function ofType<E extends CloudEvent, K extends EventTypeOf<E>>(...types: [K, ...K[]]): OperatorFunction<E, OfType<E, K>> {
  if (types.length === 0) throw new TypeError('ofType needs at least one type');
  const only: string = types[0];
  const wanted: ReadonlySet<string> = new Set<string>(types);
  // The one-type case is by far the most common; a string comparison beats a set lookup.
  const keep = wanted.size === 1 ? (event: E) => event.type === only : (event: E) => wanted.has(event.type);
  // `filter` cannot take a guard whose type is a conditional type of `E`; `keep` is that guard.
  return filter(keep) as OperatorFunction<E, unknown> as OperatorFunction<E, OfType<E, K>>;
}
