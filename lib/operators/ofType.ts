import { filter, type OperatorFunction } from 'rxjs';
import type { CloudEvent, KnownEvent } from '../model/CloudEvent.js';
import type { UnknownEvent } from '../model/UnknownEvent.js';

/**
 * The `type`s {@link ofType} accepts for a stream of `E`: the types `E` can have, or, when `E`
 * includes {@link UnknownEvent} (whose `type` is any string), every known type and any other
 * string.
 *
 * @example
 * ```ts
 * const t: EventTypeOf<ContainerEvent | ServiceEvent> = 'service'; // 'container' | 'service'
 * ```
 */
export type EventTypeOf<E extends CloudEvent> = string extends E['type']
  ? // `string & {}` keeps editors suggesting the known types while any string is allowed.
    KnownEvent['type'] | (string & {})
  : E['type'];

/**
 * The events of `E` whose `type` is `K`: the members of `E` of that type when `K` is a type
 * the library knows, else the {@link UnknownEvent}s of that type (when `E` has any).
 *
 * @example
 * ```ts
 * type C = OfType<CloudEvent, 'container'>; // ContainerEvent
 * type I = OfType<CloudEvent, 'image'>;     // UnknownEvent & { readonly type: 'image' }
 * ```
 */
export type OfType<E extends CloudEvent, K extends string> = K extends KnownEvent['type']
  ? Extract<E, { readonly type: K }>
  : Extract<E, { readonly type: K }> | (UnknownEvent extends E ? UnknownEvent & { readonly type: K } : never);

/**
 * Keeps the events whose `type` is one of `types`, and narrows the stream's type to them.
 *
 * Works for resource types (`container`, `service`…), control messages (`error`, `auth`…) and
 * types the library does not know (`image`), which come out as {@link UnknownEvent}s. At least
 * one type is required: `ofType()` does not compile, and throws a `TypeError` when called from
 * JavaScript.
 *
 * @example
 * ```ts
 * events$.pipe(ofType('container')).subscribe((event) => {
 *   console.log(event.resource_uri, event.state); // event: ContainerEvent
 * });
 * events$.pipe(ofType('container', 'service')); // Observable<ContainerEvent | ServiceEvent>
 * ```
 * @see {@link ofAction}, {@link underParent}, {@link distinctByUuid}
 */
export function ofType<E extends CloudEvent, K extends EventTypeOf<E>>(
  ...types: [K, ...K[]]
): OperatorFunction<E, OfType<E, K>> {
  if (types.length === 0) throw new TypeError('ofType needs at least one type');
  const only: string = types[0];
  const wanted: ReadonlySet<string> = new Set<string>(types);
  // The one-type case is by far the most common; a string comparison beats a set lookup.
  const keep = wanted.size === 1 ? (event: E) => event.type === only : (event: E) => wanted.has(event.type);
  // `filter` cannot take a guard whose type is a conditional type of `E`; `keep` is that guard.
  return filter(keep) as OperatorFunction<E, unknown> as OperatorFunction<E, OfType<E, K>>;
}
