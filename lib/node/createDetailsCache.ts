import type { DetailsCache } from '../details/DetailsCache.js';
import { detailsOn } from '../details/createDetailsCache.js';
import type { DetailsOptions } from '../details/DetailsOptions.js';
import type { RestFetch } from '../resync/RestFetch.js';
import type { Environment } from './readEnvironment.js';
import { readRestSettings } from './readRestSettings.js';

/**
 * The options of the Node `createDetailsCache`: those of the browser-safe one, and the environment.
 *
 * @example
 * ```ts
 * const options: NodeDetailsOptions = { env: { DOCKERCLOUD_REST_HOST: 'http://127.0.0.1:8080', DOCKERCLOUD_AUTH: 'Basic …' } };
 * ```
 */
export interface NodeDetailsOptions extends DetailsOptions {
  /** Where to read `DOCKERCLOUD_*` settings the options leave out. Default `process.env`. */
  readonly env?: Environment;
}

/**
 * A details cache on Node: `createDetailsCache` of the package entry, with the global `fetch`
 * and what the options leave out read from the environment as the Node `watchResources`
 * reads it: the credentials (`DOCKERCLOUD_AUTH`, or `DOCKERCLOUD_USER` and
 * `DOCKERCLOUD_APIKEY`), `DOCKERCLOUD_REST_HOST` for `restUrl`, and the stream host
 * (`DOCKERCLOUD_STREAM_HOST`), from which a loopback REST host is derived.
 *
 * @example
 * ```ts
 * import { createDetailsCache, streamEvents } from 'dockercloud-rx/node';
 * const names = createDetailsCache({ kinds: ['service'] });
 * streamEvents().pipe(names.follow()).subscribe((event) => console.log(names.get(event.resource_uri)?.name));
 * ```
 * @see {@link readEnvironment}
 */
export function createDetailsCache(options: NodeDetailsOptions = {}): DetailsCache {
  const { env: given, ...detailsOptions } = options;
  return detailsOn(
    { ...detailsOptions, ...readRestSettings(options, given ?? process.env) },
    { fetch: (globalThis as { fetch?: RestFetch }).fetch },
  );
}
