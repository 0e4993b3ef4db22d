import type { ResourceEvent } from '../../model/ResourceEvent.js';
import type { Palette } from '../Palette.js';
import { paintState } from '../paintState.js';

/**
 * The line the demo prints when `settled` emits: every service is settled and the stream was
 * quiet, the moment a load balancer of the Docker Cloud days rewrote its configuration.
 *
 * ```text
 *           ✓ all 6 services settled: 4 Running, 1 Partly running, 1 Stopped
 * ```
 *
 * @example
 * ```ts
 * services$.pipe(settled(500)).subscribe((view) => print(formatSettled(view, palette)));
 * ```
 */
export function formatSettled(view: ReadonlyMap<string, ResourceEvent>, palette: Palette): string {
  const byState = new Map<string, number>();
  for (const event of view.values()) {
    const state = event.state ?? 'no state';
    byState.set(state, (byState.get(state) ?? 0) + 1);
  }
  const parts = [...byState.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([state, n]) => `${n} ${paintState(state, palette)}`);
  const noun = view.size === 1 ? 'service' : 'services';
  return `${' '.repeat(10)}${palette.green('✓')} all ${view.size} ${noun} settled${parts.length === 0 ? '' : `: ${parts.join(', ')}`}`;
}
