import { filter, type OperatorFunction } from 'rxjs';
import { isKnownEvent, type CloudEvent, type KnownEvent } from '../model/CloudEvent.js';
import type { UnknownEvent } from '../model/UnknownEvent.js';

/**
 * `K` when it is not the `type` of a {@link KnownEvent}, else `never`: what makes
 * `ofUnknownType('container')` a compile error.
 *
 * @example
 * ```ts
 * type I = NotKnownType<'image'>;     // 'image'
 * type C = NotKnownType<'container'>; // never
 * ```
 */
export type NotKnownType<K extends string> = K extends KnownEvent['type'] ? never : K;

/**
 * The {@link UnknownEvent}s of `E` whose `type` is `K` (none when `E` has no UnknownEvent).
 *
 * @example
 * ```ts
 * type I = OfUnknownType<CloudEvent, 'image'>; // UnknownEvent & { readonly type: 'image' }
 * ```
 */
export type OfUnknownType<E extends CloudEvent, K extends string> = UnknownEvent extends E ? UnknownEvent & { readonly type: K } : never;

/**
 * Keeps the events of types the library does not know whose `type` is one of `types`
 * (`image`, `buildsetting`…), and narrows the stream's type to them: the explicit way to
 * reach them, since {@link ofType} takes known types only.
 *
 * A known type (`container`, `error`…) does not compile, and throws a `TypeError` when given
 * from JavaScript, as does calling it without a type: use {@link ofType} for those.
 *
 * @example
 * ```ts
 * events$.pipe(ofUnknownType('image')).subscribe((event) => {
 *   console.log(event.type, event['resource_uri']); // event: UnknownEvent & { readonly type: 'image' }
 * });
 * ```
 * @see {@link ofType}, {@link isKnownEvent}
 */
export function ofUnknownType<E extends CloudEvent, K extends string>(
  ...types: [NotKnownType<K>, ...NotKnownType<K>[]]
): OperatorFunction<E, OfUnknownType<E, K>> {
  if (types.length === 0) throw new TypeError('ofUnknownType needs at least one type');
  const known = types.find((type) => isKnownEvent({ type }));
  if (known !== undefined) throw new TypeError(`ofUnknownType: "${known}" is a known type, use ofType`);
  const wanted: ReadonlySet<string> = new Set<string>(types);
  // `filter` cannot take a guard whose type is a conditional type of `E`; `keep` is that guard.
  return filter((event: E) => wanted.has(event.type)) as OperatorFunction<E, unknown> as OperatorFunction<E, OfUnknownType<E, K>>;
}
