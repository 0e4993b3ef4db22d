// An example of the migration guide in docs/connecting.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and spec/examples/migration.spec.ts runs it against the emulator.
import { fromEvent, take, takeUntil, type Subscription } from 'rxjs';
import { streamEvents } from 'dockercloud-rx/node';

/** Prints `count` events, or fewer if the process gets SIGINT (Ctrl-C) first, then stops. */
export function printSome(count: number): Subscription {
  return streamEvents()
    .pipe(take(count), takeUntil(fromEvent(process, 'SIGINT')))
    .subscribe({
      next: (event) => console.log(event.type),
      // Ending the subscription closes the socket (code 1000): nothing keeps the process alive.
      complete: () => console.log('stopped'),
    });
}
