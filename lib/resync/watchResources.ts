import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import { streamEvents } from '../stream/streamEvents.js';
import { createResourceWatch } from './createResourceWatch.js';
import type { RestFetch } from './RestFetch.js';
import type { ResourceWatch } from './ResourceWatch.js';
import { resolveWatchOptions, type WatchPlatform } from './resolveWatchOptions.js';
import { resyncEngine } from './resyncEngine.js';
import type { WatchOptions } from './WatchOptions.js';

/**
 * Makes a watch on a platform: the browser-safe entry's `watchResources` and the Node
 * entry's share it. Internal.
 *
 * @internal
 */
export function watchOn<K extends ResourceType>(
  options: WatchOptions<K>,
  platform: WatchPlatform,
): ResourceWatch<Extract<ResourceEvent, { type: K }>> {
  type E = Extract<ResourceEvent, { type: K }>;
  const config = resolveWatchOptions(options, platform);
  // The watch derives `live` from the statuses: it sees each before the user's callback does.
  return createResourceWatch<E>((observe) =>
    resyncEngine<E>({
      ...config,
      report: (status) => {
        observe(status);
        config.report(status);
      },
    }),
  );
}

/**
 * A live cache of the resources you ask for, never silently wrong after a reconnect: list,
 * then watch, and reconcile after every gap, as Kubernetes informers do.
 *
 * Events sent while the stream is disconnected are lost, so every real consumer of Docker
 * Cloud dropped its caches and re-read everything after a reconnect. A watch does it for you.
 * On every connect and reconnect of its stream it lists the resources over REST (following
 * `meta.next` from page to page), buffering the events that arrive meanwhile; then it
 * reconciles its cache with both and emits what changed while it was disconnected as
 * synthetic events: creations, state changes, and deletions marked `finalStateUnknown`.
 * Resources with events that arrived during the listing are taken from those events, which
 * are at least as recent as the listing, so nothing is lost and nothing is emitted twice.
 * From then on it applies the stream's events as they come, per resource in `datetime` order:
 * an event older than the cache's state is dropped and counted (`status` reports it).
 *
 * Failed listings back off as reconnections do (`retry`, with `backoffDelay`) and are
 * retried; credentials refused by REST (401, 403) end the watch with an `AuthError`, as on the
 * stream. This entry is browser-safe: it uses the platform's `WebSocket` and `fetch`, and
 * needs query credentials in a browser (`auth.in = 'query'`). On Node, import
 * `watchResources` from `dockercloud-rx/node`, which uses `ws` and reads `DOCKERCLOUD_*`,
 * `DOCKERCLOUD_REST_HOST` included.
 *
 * @throws {@link StreamOptionsError} at once when an option is invalid.
 *
 * @example
 * ```ts
 * const watch = watchResources({
 *   kinds: ['service', 'container'],
 *   url: 'wss://events.example.com',
 *   restUrl: 'https://api.example.com',
 *   auth: { user: 'me', apiKey: key, in: 'query' },
 * });
 * // The cache, right after every reconnect.
 * watch.cache.subscribe((resources) => render([...resources.values()]));
 * // The changes, live and synthetic, through the usual operators.
 * watch.events.pipe(ofType('service'), stateTransitions()).subscribe((t) => console.log(t.from, '→', t.to));
 * ```
 * @see {@link ResourceWatch}, {@link WatchOptions}, {@link WatchedEvent}, {@link WatchStatus}
 */
export function watchResources<K extends ResourceType>(options: WatchOptions<K>): ResourceWatch<Extract<ResourceEvent, { type: K }>> {
  const platformFetch = (globalThis as { fetch?: RestFetch }).fetch;
  return watchOn(options, {
    streamEvents,
    // Called as a plain function, `fetch` loses its receiver in some browsers.
    fetch: platformFetch === undefined ? undefined : (url, init) => platformFetch.call(globalThis, url, init),
  });
}
