import { isTransitionalState } from '../model/isTransitionalState.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';

/**
 * The default rule of {@link createDetailsCache} for fetching a resource's details again: when an
 * event says they may have changed in a way a person would see.
 *
 * - A stack, service, node or node cluster that settles after a transitional state
 *   (`Redeploying` → `Running`, `Deploying` → `Deployed`, `Scaling` → `Running`): a redeploy
 *   or an update brings a new image, a deployment a node's host name, a scale a new count.
 * - An `update` that leaves the state as it was: the resource was edited (a service's image
 *   or name changed) without changing state.
 *
 * Containers are never refreshed: a redeploy replaces them (new uuids, fetched as new), and a
 * container's image and node are fixed for its life. Actions are never refreshed either.
 *
 * @param previousState - The state the cache knew before `event`; `undefined` if none.
 * @example
 * ```ts
 * refreshesDetails(serviceEvent('web', 'Running'), 'Redeploying'); // true
 * refreshesDetails(containerEvent('web-1', 'Running'), 'Starting'); // false
 * ```
 */
export function refreshesDetails(event: ResourceEvent, previousState: string | undefined): boolean {
  if (event.type === 'container' || event.type === 'action' || previousState === undefined) return false;
  if (event.action === 'update' && event.state === previousState) return true;
  return isTransitionalState(previousState) && event.state !== undefined && !isTransitionalState(event.state);
}
