import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';

/** How many URIs a cache remembers before it starts over. */
export const NORMALIZED_URI_CACHE_CAPACITY = 1024;

/**
 * A bounded memo of {@link normalizeResourceUri}, owned by one subscription.
 *
 * @remarks
 * Parsing a URI costs about ten times a map lookup, and a stream repeats the same few parents
 * (services, stacks, nodes) on every container event, so remembering them pays. Memoising is
 * safe because normalising is a pure function of the string. Starting over when full, rather
 * than evicting the least recently used entry, keeps a hit to one lookup and the memory to
 * {@link NORMALIZED_URI_CACHE_CAPACITY} entries however many resources pass.
 *
 * @internal
 */
export class NormalizedUriCache {
  private readonly keys = new Map<string, string>();

  constructor(private readonly capacity: number = NORMALIZED_URI_CACHE_CAPACITY) {}

  /** The canonical URI of `uri`, as {@link normalizeResourceUri} gives it. */
  keyOf(uri: string): string {
    let key = this.keys.get(uri);
    if (key === undefined) {
      key = normalizeResourceUri(uri);
      if (this.keys.size >= this.capacity) this.keys.clear();
      this.keys.set(uri, key);
    }
    return key;
  }

  /** How many URIs it remembers now. */
  get size(): number {
    return this.keys.size;
  }
}
