import type { Observer } from 'rxjs';
import type { ResourceType } from '../model/ResourceType.js';
import type { FilterValue, StreamOptions } from '../stream/StreamOptions.js';
import type { RestFetch } from './RestFetch.js';
import type { WatchStatus } from './WatchStatus.js';

/**
 * The options of `watchResources`: what to watch (`kinds`, `namespace`, `parents`), where the
 * REST API is, and every option of `streamEvents` (the stream's `filter` is made from `kinds`
 * and `parents`). Every time is in milliseconds.
 *
 * `auth` serves both the stream and REST, in the same place: `in: 'header'` sends an
 * `Authorization` header with each request, `in: 'query'` sends `?auth=` or `?user=&token=`.
 * `retry` governs both too: failed listings back off as reconnections do (`baseDelay`,
 * `maxDelay`, `maxAttempts`), and `retry: false` makes a failed listing fatal.
 *
 * @example
 * ```ts
 * const options: WatchOptions<'service' | 'container'> = {
 *   kinds: ['service', 'container'],
 *   namespace: 'acme',
 *   parents: '/api/app/v1/acme/stack/1c2d/',
 *   auth: { user: 'me', apiKey: key, in: 'query' },
 * };
 * ```
 * @see {@link watchResources}
 */
export interface WatchOptions<K extends ResourceType = ResourceType> extends Omit<StreamOptions, 'filter' | 'status'> {
  /** The kinds of resource to keep in the cache; at least one. Actions come from the audit log. */
  readonly kinds: readonly [K, ...K[]];
  /**
   * Keep only resources under these parents (resource URIs in any form): those whose
   * `parents` name one of them, as the stream's `parent` filter does. Default: all.
   */
  readonly parents?: FilterValue;
  /** The query parameter of the stream's parent filter: `parent` (default) or `parents` (the Go client's). */
  readonly parentParam?: 'parent' | 'parents';
  /**
   * The REST host: `https://cloud.docker.com` by default (`https://dashboard.tutum.co` for the
   * Tutum dialect); the Node entry reads `DOCKERCLOUD_REST_HOST`. A path is a prefix of the
   * API paths. `http://` is refused for a host that is not loopback unless `allowInsecure`.
   */
  readonly restUrl?: string;
  /** How to make REST requests. Default: the platform's `fetch`. */
  readonly fetch?: RestFetch;
  /**
   * Objects asked per page (`limit`; each page after the first asks one more: the last object
   * listed, shown again to prove no object was skipped); the server may answer fewer. Default
   * 100, Docker Cloud's largest page.
   */
  readonly pageSize?: number;
  /** How long one page may take to answer before the listing is retried. Default 30000. */
  readonly listTimeout?: number;
  /**
   * How many events may wait for a listing. Past that (a REST outage while events keep
   * coming), only the latest event of each resource is kept. Default 10000.
   */
  readonly bufferLimit?: number;
  /** Receives the stream's statuses and the resync's: listing, synced, dropped events… */
  readonly status?: Partial<Observer<WatchStatus>> | ((status: WatchStatus) => void);
}
