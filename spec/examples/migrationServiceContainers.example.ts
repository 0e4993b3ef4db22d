// An example of the migration guide in docs/connecting.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and spec/examples/migration.spec.ts runs it against the emulator.
import type { Subscription } from 'rxjs';
import { ofType, stateTransitions, streamEvents, underParent } from 'dockercloud-rx/node';

/** Prints each change of state of the containers of one service. */
export function followContainersOf(service: string): Subscription {
  // The server filters (`?type=container&parent=…`), as Go's EventFilter asked it to.
  return streamEvents({ filter: { type: 'container', parent: service } })
    .pipe(
      ofType('container'), // from here on a ContainerEvent: `state` is a container state
      underParent(service), // checked here too, for a server or proxy that ignores the filter
      stateTransitions(), // only real changes of state, not every `update`
    )
    .subscribe((change) => console.log(change.event.resource_uri, change.from ?? '(first seen)', '→', change.to));
}
