import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import type { RestFetch } from '../resync/RestFetch.js';
import type { ResourceWatch } from '../resync/ResourceWatch.js';
import type { WatchOptions } from '../resync/WatchOptions.js';
import { watchOn } from '../resync/watchResources.js';
import type { Environment } from './readEnvironment.js';
import { readRestSettings } from './readRestSettings.js';
import { streamEvents } from './streamEvents.js';

/** The options of the Node `watchResources`: those of the browser-safe one, and the environment. */
export interface NodeWatchOptions<K extends ResourceType = ResourceType> extends WatchOptions<K> {
  /** Where to read `DOCKERCLOUD_*` settings the options leave out. Default `process.env`. */
  readonly env?: Environment;
}

/**
 * A live resource cache on Node: `watchResources` of the package entry, with the stream of
 * the Node entry (`ws`, `Authorization` headers, pings) and the global `fetch`, and with what
 * the options leave out read from the environment as the official SDKs do: the stream's
 * `DOCKERCLOUD_*` settings, `DOCKERCLOUD_NAMESPACE` for REST too, and `DOCKERCLOUD_REST_HOST`
 * for `restUrl`.
 *
 * @example
 * ```ts
 * import { watchResources } from 'dockercloud-rx/node';
 * // DOCKERCLOUD_USER, DOCKERCLOUD_APIKEY (and DOCKERCLOUD_REST_HOST, if not Docker Cloud's) are set.
 * const watch = watchResources({ kinds: ['node'] });
 * watch.cache.subscribe((nodes) => console.log(nodes.size, 'nodes'));
 * ```
 * @see {@link readEnvironment}
 */
export function watchResources<K extends ResourceType>(options: NodeWatchOptions<K>): ResourceWatch<Extract<ResourceEvent, { type: K }>> {
  const { env: given, ...watchOptions } = options;
  const env = given ?? process.env;
  const platformFetch = (globalThis as { fetch?: RestFetch }).fetch;
  return watchOn(
    { ...watchOptions, ...readRestSettings(options, env) },
    {
      streamEvents: (streamOptions) => streamEvents({ ...streamOptions, env }),
      fetch: platformFetch,
    },
  );
}
