// The pipeline whose output must be the same in Node and in Chromium. It imports only the
// browser entry and rxjs, and emits plain strings, so that both sides can be compared exactly.
import { count, map, merge, mergeMap, share, type Observable } from 'rxjs';
import { groupByResource, ofType, stateTransitions, underParent, type CloudEvent } from '../../lib/index.js';

/** The operators the pipeline exercises; each line it emits starts with one of them. */
export const PARITY_OPERATORS = ['stateTransitions', 'underParent', 'groupByResource'] as const;

/**
 * One line per observation: the state transitions of services and containers (`ofType`,
 * `stateTransitions`), every event under `stack`, transitively (`underParent`), and how many
 * events each container's group saw before it ended (`groupByResource`).
 */
export function parityPipeline(events$: Observable<CloudEvent>, stack: string): Observable<string> {
  const shared = events$.pipe(share());
  return merge(
    shared.pipe(
      ofType('service', 'container'),
      stateTransitions(),
      map((t) => `stateTransitions ${t.type} ${t.resource_uri} ${t.from ?? '(new)'} -> ${t.to} at ${t.event.datetime}`),
    ),
    shared.pipe(
      underParent(stack, { transitive: true }),
      map((event) => `underParent ${event.type} ${event.action} ${event.resource_uri} ${event.state}`),
    ),
    shared.pipe(
      ofType('container'),
      groupByResource(),
      mergeMap((group) =>
        group.pipe(
          count(),
          map((n) => `groupByResource ${group.key} ended after ${n} events`),
        ),
      ),
    ),
  );
}
