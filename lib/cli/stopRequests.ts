import { merge, Observable } from 'rxjs';
import type { CliIo } from './CliIo.js';

/** Why a command was asked to stop: a signal, or stdout's reader went away (`EPIPE`). */
export type StopRequest = 'SIGINT' | 'SIGTERM' | 'EPIPE';

function signal(io: CliIo, name: 'SIGINT' | 'SIGTERM'): Observable<StopRequest> {
  return new Observable<StopRequest>((subscriber) => {
    const listener = (): void => subscriber.next(name);
    io.signals.on(name, listener);
    return () => io.signals.off(name, listener);
  });
}

/**
 * Emits each time the process is asked to stop: Ctrl-C (SIGINT), SIGTERM, or an error writing
 * to stdout (its reader closed the pipe: `dockercloud-rx events | head`). While subscribed,
 * the signals do not kill the process: the command stops cleanly (unsubscribing its stream,
 * which closes the socket with 1000). Once unsubscribed, a second Ctrl-C kills it as usual.
 *
 * @example
 * ```ts
 * events$.pipe(takeUntil(stopRequests(io))).subscribe(print);
 * ```
 */
export function stopRequests(io: CliIo): Observable<StopRequest> {
  const brokenPipe = new Observable<StopRequest>((subscriber) => {
    const listener = (): void => subscriber.next('EPIPE');
    io.stdout.on('error', listener);
    return () => io.stdout.off('error', listener);
  });
  return merge(signal(io, 'SIGINT'), signal(io, 'SIGTERM'), brokenPipe);
}
