// How a state reads at a glance: shared by the command line (colours) and the dashboard (CSS).
import { isTransitionalState } from '../model/isTransitionalState.js';
import { KNOWN_STATES } from '../model/ResourceState.js';

/**
 * How a state reads at a glance, which decides its colour:
 * - `good` (green): settled and well: `Running`, `Deployed`, `Success`, `Started`;
 * - `changing` (yellow): on its way somewhere (`isTransitionalState`), or only partly up
 *   (`Partly running`, `Partly deployed`);
 * - `bad` (red): `Failed`, `Terminated`, `Unreachable`, `Stopped with errors`, `Start failed`;
 * - `neutral` (plain): settled and at rest: `Stopped`, `Not running`, `Canceled`, `Empty cluster`;
 * - `unknown` (dim): a state no document lists.
 *
 * @example
 * ```ts
 * stateTone('Starting'); // 'changing'
 * ```
 */
export type StateTone = 'good' | 'changing' | 'bad' | 'neutral' | 'unknown';

const GOOD: ReadonlySet<string> = new Set(['Running', 'Deployed', 'Success', 'Started']);
const PARTLY: ReadonlySet<string> = new Set(['Partly running', 'Partly deployed']);
const BAD: ReadonlySet<string> = new Set(['Failed', 'Terminated', 'Unreachable', 'Stopped with errors', 'Start failed']);
const KNOWN: ReadonlySet<string> = new Set(Object.values(KNOWN_STATES).flat());

/**
 * The {@link StateTone} of a state string, whatever the resource type.
 *
 * @example
 * ```ts
 * stateTone('Running');     // 'good'
 * stateTone('Unreachable'); // 'bad'
 * stateTone('Exploded');    // 'unknown'
 * ```
 */
export function stateTone(state: string): StateTone {
  if (GOOD.has(state)) return 'good';
  if (BAD.has(state)) return 'bad';
  if (PARTLY.has(state) || isTransitionalState(state)) return 'changing';
  if (KNOWN.has(state)) return 'neutral';
  return 'unknown';
}
