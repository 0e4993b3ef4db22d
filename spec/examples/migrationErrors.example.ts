// An example of the migration guide in docs/connecting.md, shown there verbatim (spec/examples/docs.spec.ts checks that);
// the type check compiles it and spec/examples/migration.spec.ts runs it against the emulator.
import type { Subscription } from 'rxjs';
import { isAuthError, streamEvents, type StreamStatus } from 'dockercloud-rx/node';

/** What Python's `on_error` and `on_close` and Go's `ErrorChan` reported: the stream goes on after each. */
function report(status: StreamStatus): void {
  switch (status.kind) {
    case 'reconnecting':
      console.warn(`connection lost (${status.error.message}), retry in ${status.delay} ms`);
      break;
    case 'open':
      if (status.reconnected) console.warn('reconnected: events sent meanwhile are lost, resync now');
      break;
    case 'rejected':
      console.warn(`frame rejected and skipped: ${status.error.message}`);
      break;
  }
}

/** Prints every event, reports transient trouble as it happens, and ends only on a fatal error. */
export function followWithErrors(): Subscription {
  return streamEvents({ status: report }).subscribe({
    next: (event) => console.log(event.type),
    // Fatal: the stream has ended and will not reconnect. Transient errors never come here.
    error: (error: unknown) => {
      if (isAuthError(error)) console.error(`not authorized, fix the credentials: ${error.message}`);
      else console.error(`stream ended: ${error instanceof Error ? error.message : String(error)}`);
    },
  });
}
