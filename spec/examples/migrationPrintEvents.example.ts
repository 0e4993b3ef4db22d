// An example of the migration guide in docs/connecting.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and spec/examples/migration.spec.ts runs it against the emulator.
import type { Subscription } from 'rxjs';
import { isResourceEvent, streamEvents } from 'dockercloud-rx/node';

/** Prints every event. Host and credentials come from the DOCKERCLOUD_* variables the official clients read. */
export function printEvents(): Subscription {
  return streamEvents().subscribe((event) => {
    // A decoded, validated object, not the frame's text: no JSON to parse, no `auth` message to skip.
    if (isResourceEvent(event)) console.log(event.type, event.action, event.resource_uri, event.state);
    else console.log('other message:', event.type); // a type this library does not know still arrives
  });
}
