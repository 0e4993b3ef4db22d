import { isOneOf, TRANSITIONAL_STATES } from './vocabulary.js';

/**
 * Whether `state` is transitional (`Starting`, `Scaling`, `In progress`…) rather than settled
 * (`Running`, `Stopped`, `Success`…). An absent state, and a state no document lists, count as
 * settled.
 *
 * @example
 * ```ts
 * isTransitionalState('Redeploying'); // true
 * isTransitionalState('Running');     // false
 * ```
 */
export function isTransitionalState(state: string | undefined): boolean {
  return isOneOf(TRANSITIONAL_STATES, state);
}
