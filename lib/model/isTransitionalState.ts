/**
 * The states in which a resource is on its way somewhere else: a consumer waiting for things
 * to settle waits while any resource is in one of them.
 */
export const TRANSITIONAL_STATES: ReadonlySet<string> = new Set([
  'Init',
  'Pending',
  'In progress',
  'Canceling',
  'Deploying',
  'Upgrading',
  'Starting',
  'Scaling',
  'Redeploying',
  'Stopping',
  'Terminating',
]);

/**
 * Whether `state` is transitional (`Starting`, `Scaling`, `In progress`…) rather than settled
 * (`Running`, `Stopped`, `Success`…). An absent state counts as settled.
 *
 * @example
 * ```ts
 * isTransitionalState('Redeploying'); // true
 * isTransitionalState('Running');     // false
 * ```
 * @see {@link TRANSITIONAL_STATES}
 */
export function isTransitionalState(state: string | undefined): boolean {
  return state !== undefined && TRANSITIONAL_STATES.has(state);
}
