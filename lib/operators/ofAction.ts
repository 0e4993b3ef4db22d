import { filter, type OperatorFunction } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import type { EventAction } from '../model/EventAction.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';

/**
 * The resource events of `E` whose `action` is `A`.
 *
 * @example
 * ```ts
 * type Deleted = OfAction<CloudEvent, 'delete'>; // ResourceEvent & { readonly action: 'delete' }
 * ```
 */
export type OfAction<E extends CloudEvent, A extends EventAction> = Extract<E, ResourceEvent> & { readonly action: A };

/**
 * Keeps the resource events whose `action` is one of `actions` (`create`, `update`,
 * `delete`), and narrows the stream's type to them.
 *
 * Control messages and events of unknown types are dropped, even when they carry an `action`
 * field: only resource events have a documented one. At least one action is required:
 * `ofAction()` does not compile, and throws a `TypeError` when called from JavaScript.
 *
 * @example
 * ```ts
 * // Every resource that goes away, whatever its type.
 * events$.pipe(ofAction('delete')).subscribe((event) => cache.delete(event.resource_uri));
 * ```
 * @see {@link ofType}, {@link underParent}, {@link distinctByUuid}
 */
export function ofAction<E extends CloudEvent, A extends EventAction>(...actions: [A, ...A[]]): OperatorFunction<E, OfAction<E, A>> {
  if (actions.length === 0) throw new TypeError('ofAction needs at least one action');
  const wanted: ReadonlySet<string> = new Set<string>(actions);
  const keep = (event: E): boolean => isResourceEvent(event) && wanted.has(event.action);
  // `filter` cannot take a guard whose type is a conditional type of `E`; `keep` is that guard.
  return filter(keep) as OperatorFunction<E, unknown> as OperatorFunction<E, OfAction<E, A>>;
}
