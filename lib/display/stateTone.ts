// How a state reads at a glance: shared by the command line (colours) and the dashboard (CSS).
import type { NamedState } from '../model/vocabulary.js';

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

// Every state the library names has its tone here: a state added to the vocabulary does not
// compile until it is given one.
const TONES: { readonly [S in NamedState]: StateTone } = {
  Running: 'good',
  Deployed: 'good',
  Success: 'good',
  Started: 'good',
  Failed: 'bad',
  Terminated: 'bad',
  Unreachable: 'bad',
  'Stopped with errors': 'bad',
  'Start failed': 'bad',
  'Partly running': 'changing',
  'Partly deployed': 'changing',
  Init: 'changing',
  Pending: 'changing',
  'In progress': 'changing',
  Canceling: 'changing',
  Deploying: 'changing',
  Upgrading: 'changing',
  Starting: 'changing',
  Scaling: 'changing',
  Redeploying: 'changing',
  Stopping: 'changing',
  Terminating: 'changing',
  Stopped: 'neutral',
  'Not running': 'neutral',
  'Not Running': 'neutral',
  Canceled: 'neutral',
  'Empty cluster': 'neutral',
};

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
  return Object.prototype.hasOwnProperty.call(TONES, state) ? TONES[state as NamedState] : 'unknown';
}
