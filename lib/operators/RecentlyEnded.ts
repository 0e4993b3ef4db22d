// The resources whose life ended last, for the operators that forget a resource at its end of
// life. Internal: not exported from the barrel.

/**
 * The last {@link capacity} resources whose life ended, with the state each ended in: so that
 * an end-of-life event that trails the one that ended a life (Docker Cloud's `delete` after a
 * container's `Terminated` update) is known for what it is, the same life's last word, rather
 * than taken for a new resource. Bounded: the oldest is forgotten first.
 */
export class RecentlyEnded {
  private readonly ended = new Map<string, string | undefined>();

  constructor(private readonly capacity = 1024) {}

  /** Whether `key`'s life ended recently. */
  has(key: string): boolean {
    return this.ended.has(key);
  }

  /** The state `key`'s life ended in, if it ended recently with one. */
  stateOf(key: string): string | undefined {
    return this.ended.get(key);
  }

  /** Records that `key`'s life ended, in `state`. */
  add(key: string, state: string | undefined): void {
    const ended = this.ended;
    ended.delete(key);
    ended.set(key, state);
    if (ended.size > this.capacity) ended.delete(ended.keys().next().value as string);
  }

  /** Forgets `key`: a new life began. */
  delete(key: string): void {
    this.ended.delete(key);
  }
}
