import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import type { ResourceWatch } from '../resync/ResourceWatch.js';
import type { WatchOptions } from '../resync/WatchOptions.js';
import type { DetailsStatus } from './DetailsStatus.js';

/**
 * The options of {@link createDetailsCache}: where the REST API is and how to authenticate, as
 * for `watchResources` (the same names, checked the same way), and how the cache lives. Every
 * time is in milliseconds.
 *
 * @example
 * ```ts
 * const options: DetailsOptions = {
 *   restUrl: 'https://cloud.docker.com',
 *   auth: { user: 'me', apiKey: key },
 *   kinds: ['stack', 'service'],
 *   maxEntries: 500,
 * };
 * ```
 * @see {@link createDetailsCache}
 */
export interface DetailsOptions extends Pick<
  WatchOptions,
  'url' | 'restUrl' | 'namespace' | 'dialect' | 'auth' | 'allowInsecure' | 'fetch' | 'retry' | 'scheduler' | 'random'
> {
  /** The kinds whose details are fetched. Default: every kind but `action` (an action's object is its resource). */
  readonly kinds?: readonly ResourceType[];
  /** Whether the details of an event's parents are fetched too (a container's service, stack, node…). Default `true`. */
  readonly parents?: boolean;
  /**
   * How many resources the cache holds at most. Each is forgotten at its end of life; past this
   * bound (resources whose end the stream does not show, filtered parents) the least recently
   * seen goes first. Default 1000.
   */
  readonly maxEntries?: number;
  /** How long one request may take before it is retried (`RestError` `timeout`). Default 30000. */
  readonly timeout?: number;
  /**
   * Whether an event calls for fetching its resource's details again, given the state the
   * cache knew before it. Default {@link refreshesDetails}.
   */
  readonly refresh?: (event: ResourceEvent, previousState: string | undefined) => boolean;
  /**
   * A watch whose listings already hold the details: a resource it listed is not fetched at
   * all until an event calls for a refresh.
   */
  readonly watch?: Pick<ResourceWatch, 'details'>;
  /** Receives every failed request (with the retry's delay) and every resource given up on. */
  readonly status?: (status: DetailsStatus) => void;
}
