// The resources whose life ended last, for the operators that forget a resource at its end of
// life. Internal: not exported from the barrel.

/**
 * The resources whose life ended last, with the state each ended in: so that an end-of-life
 * event that trails the one that ended a life (Docker Cloud's `delete` after a container's
 * `Terminated` update) is known for what it is, the same life's last word, rather than taken
 * for a new resource.
 *
 * Bounded in two generations of {@link capacity} entries: the newest ends go into the current
 * one; when it is full it becomes the previous one and the previous one is dropped whole. At
 * any time the last `capacity` ends (and up to twice as many) are remembered. Nothing is
 * deleted entry by entry as ends stream past, which would cost a Map deletion and an iterator
 * on every end.
 */
export class RecentlyEnded {
  private current = new Map<string, string | undefined>();
  private previous = new Map<string, string | undefined>();

  constructor(private readonly capacity = 1024) {}

  /** How many ends are remembered: never more than twice {@link capacity}. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Whether `key`'s life ended recently. */
  has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  /** The state `key`'s life ended in, if it ended recently with one. */
  stateOf(key: string): string | undefined {
    const current = this.current;
    return current.has(key) ? current.get(key) : this.previous.get(key);
  }

  /** Records that `key`'s life ended, in `state`. */
  add(key: string, state: string | undefined): void {
    let current = this.current;
    if (current.size >= this.capacity && !current.has(key)) {
      this.previous = current;
      this.current = current = new Map<string, string | undefined>();
    }
    current.set(key, state);
  }

  /** Forgets `key`: a new life began. */
  delete(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }
}
