// Shown verbatim in docs/resync.md (names): the type check compiles it, names.spec.ts runs it.
import type { Observable, Subscription } from 'rxjs';
import { createDetailsCache, ofType, stateTransitions, type CloudEvent, type DetailsOptions } from '../../lib/index.js';

/** Prints the transitions of services by name: each event goes on at once, its name follows. */
export function printServiceTransitions(events$: Observable<CloudEvent>, rest: DetailsOptions, print: (line: string) => void): Subscription {
  const names = createDetailsCache({ ...rest, kinds: ['service', 'stack'] });
  return events$
    .pipe(names.follow(), ofType('service'), stateTransitions())
    .subscribe((t) => {
      const name = names.get(t.resource_uri)?.name ?? t.event.resource_uri;
      const stack = t.event.parents[0] === undefined ? undefined : names.get(t.event.parents[0])?.name;
      print(`${stack === undefined ? '' : `${stack}/`}${name}: ${t.from ?? 'new'} → ${t.to}`);
    });
}
