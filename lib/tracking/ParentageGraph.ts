/** One learned resource: its parents' keys, and the walk that last passed through it. */
interface ParentageNode {
  parents: readonly string[];
  visit: number;
}

/**
 * What one subscription of `underParent({ transitive: true })` has learned of the hierarchy:
 * for each live resource, the canonical URIs of its parents.
 *
 * @remarks
 * Keys are canonical URIs (see `normalizeResourceUri`); the caller normalises before it asks.
 * The caller forgets a resource at the end of its life (and keeps none without parents, nor
 * actions), so {@link ParentageGraph.size} follows the number of live resources and comes back
 * to zero once all of them are gone.
 *
 * Walks mark the nodes they pass with a number that grows with each walk, instead of filling a
 * visited set, so that checking an event allocates nothing; the marks are also what make a
 * cycle in the learned parentage (which a well-behaved server never sends) harmless.
 *
 * @internal
 */
export class ParentageGraph {
  private readonly nodes = new Map<string, ParentageNode>();
  private readonly stack: string[] = [];
  private walks = 0;

  /** How many resources it remembers. */
  get size(): number {
    return this.nodes.size;
  }

  /**
   * Remembers that `child`'s parents are the first `count` keys of `parents`. The array is
   * copied only when the parents changed, since most updates repeat them.
   */
  learn(child: string, parents: readonly string[], count: number = parents.length): void {
    const node = this.nodes.get(child);
    if (node === undefined) {
      this.nodes.set(child, { parents: parents.slice(0, count), visit: 0 });
    } else if (!startsEqual(node.parents, parents, count)) {
      node.parents = parents.slice(0, count);
    }
  }

  /** Forgets `child`; says whether it was remembered. */
  forget(child: string): boolean {
    return this.nodes.delete(child);
  }

  /** The learned parents of `child`, if it is remembered. */
  parentsOf(child: string): readonly string[] | undefined {
    return this.nodes.get(child)?.parents;
  }

  /**
   * Whether any of the first `count` keys of `from`, or any of their learned ancestors, is in
   * `targets`. `self` never counts as a match: a cycle back to the resource being checked does
   * not put it under itself.
   */
  reaches(from: readonly string[], count: number, targets: ReadonlySet<string>, self?: string): boolean {
    const stack = this.stack;
    const visit = ++this.walks;
    let top = 0;
    for (let i = 0; i < count; i++) stack[top++] = from[i]!;
    while (top > 0) {
      const key = stack[--top]!;
      if (targets.has(key) && key !== self) return true;
      const node = this.nodes.get(key);
      if (node === undefined || node.visit === visit) continue;
      node.visit = visit;
      const parents = node.parents;
      for (let i = 0; i < parents.length; i++) stack[top++] = parents[i]!;
    }
    return false;
  }
}

function startsEqual(known: readonly string[], parents: readonly string[], count: number): boolean {
  if (known.length !== count) return false;
  for (let i = 0; i < count; i++) if (known[i] !== parents[i]) return false;
  return true;
}
