import type { ResourceEvent } from './ResourceEvent.js';

/**
 * Whether `event` ends its resource's life: a `delete`, the `Terminated` state, or an action
 * reaching `Success`, `Failed` or `Canceled`, after which it never changes again. Operators
 * that remember resources forget them at this event, so their memory is bounded by the live
 * resources.
 *
 * @example
 * ```ts
 * isEndOfLife({ type: 'container', action: 'update', state: 'Terminated', parents: [], resource_uri: '/api/v1/container/1/' }); // true
 * ```
 */
export function isEndOfLife(event: Pick<ResourceEvent, 'type' | 'action' | 'state'>): boolean {
  const state = event.state;
  return (
    event.action === 'delete' ||
    state === 'Terminated' ||
    (event.type === 'action' && (state === 'Success' || state === 'Failed' || state === 'Canceled'))
  );
}
