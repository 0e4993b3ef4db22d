import type { Observable } from 'rxjs';
import type { CloudEvent } from '../model/CloudEvent.js';
import { eventStream } from './eventStream.js';
import { resolveStreamOptions } from './resolveStreamOptions.js';
import type { StreamOptions } from './StreamOptions.js';
import type { WebSocketConstructor } from './WebSocketLike.js';

/**
 * The Docker Cloud (or Tutum) events stream as a cold Observable of decoded events.
 *
 * Each subscription opens its own socket and unsubscribing closes it with code 1000; share
 * one connection between several consumers with `share()`. Transient failures reconnect with
 * full-jitter backoff; credentials refused (`AuthError`), other 4xx answers
 * (`HandshakeError`) and, with `retry: false`, any failure end the Observable with a typed
 * error. Malformed frames never end it: they are counted and reported to `options.status`.
 *
 * This entry uses the platform's `WebSocket` and stays browser-safe. Browsers cannot send
 * headers, so give browser credentials with `auth.in = 'query'`. On Node, import
 * `streamEvents` from `dockercloud-rx/node`, which uses `ws` and reads the environment.
 *
 * @throws {@link StreamOptionsError} at once when an option is invalid.
 *
 * @example
 * ```ts
 * const events$ = streamEvents({
 *   url: 'wss://events.example.com',
 *   auth: { user: 'me', apiKey: key, in: 'query' },
 *   filter: { type: ['container', 'service'] },
 *   status: (s) => console.log(s.kind),
 * }).pipe(share());
 * events$.pipe(ofType('container'), stateTransitions()).subscribe((t) => console.log(t.from, '→', t.to));
 * ```
 * @see {@link StreamOptions}, {@link StreamStatus}
 */
export function streamEvents(options: StreamOptions = {}): Observable<CloudEvent> {
  const platform = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  return eventStream(resolveStreamOptions(options, { WebSocket: platform, sendsHeaders: false }));
}
