// An immutable map from strings to values with structural sharing: a hash array mapped trie
// (HAMT). Internal: the public surface is the `ResourceView` interface it implements.
//
// Shape. The trie branches 32 ways on successive 5-bit chunks of a 32-bit hash of the key,
// least significant chunk first. A `Branch` holds a bitmap of its occupied slots and a packed
// array of exactly that many children; a child is a `Leaf` (one entry), a `Collision` (two or
// more entries whose keys hash to the same 32 bits, sorted by key), or a deeper `Branch`.
//
// Canonical form. Below the root, a branch never holds a single leaf or collision as its only
// child: that child is stored in the branch's place. So the trie of a set of keys is the same
// whatever the order of the updates that built it, which gives two properties the operators
// rely on: iteration order depends on the set of keys alone, and `equals` can compare two
// maps node by node, stopping at the first shared subtree.
//
// Cost. `set` and `delete` copy the path from the root to the entry (at most 7 nodes of at
// most 32 slots, about log32(n) nodes in practice) and share everything else with the map
// they came from, which therefore never changes.

const BITS = 5;
const MASK = (1 << BITS) - 1;

/** How a {@link PersistentMap} hashes its keys to 32 bits. */
export type StringHash = (key: string) => number;

/**
 * The default key hash: FNV-1a over the UTF-16 code units, then the MurmurHash3 finalizer so
 * that the low bits the root level branches on depend on every character. Resource URIs share
 * long prefixes and differ near their end, and FNV-1a alone leaves its low bits poorly mixed.
 */
export function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Leaf<V> {
  constructor(
    readonly hash: number,
    readonly key: string,
    readonly value: V,
  ) {}
}

class Collision<V> {
  constructor(
    readonly hash: number,
    /** At least two leaves, all of hash `hash`, sorted by key. */
    readonly leaves: readonly Leaf<V>[],
  ) {}
}

class Branch<V> {
  constructor(
    readonly bitmap: number,
    readonly children: readonly Node<V>[],
  ) {}
}

type Node<V> = Leaf<V> | Collision<V> | Branch<V>;

/** Whether the last `set` added a key rather than replacing a value. One per `set` call. */
interface SetResult {
  added: boolean;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function indexOf(bitmap: number, bit: number): number {
  return popcount(bitmap & (bit - 1));
}

function inserted<T>(array: readonly T[], index: number, item: T): T[] {
  const result = new Array<T>(array.length + 1);
  for (let i = 0; i < index; i++) result[i] = array[i]!;
  result[index] = item;
  for (let i = index; i < array.length; i++) result[i + 1] = array[i]!;
  return result;
}

function replaced<T>(array: readonly T[], index: number, item: T): T[] {
  const result = array.slice();
  result[index] = item;
  return result;
}

function removed<T>(array: readonly T[], index: number): T[] {
  const result = new Array<T>(array.length - 1);
  for (let i = 0; i < index; i++) result[i] = array[i]!;
  for (let i = index + 1; i < array.length; i++) result[i - 1] = array[i]!;
  return result;
}

/** The smallest subtree holding `a` and `b`, whose hashes differ, from level `shift` down. */
function merge<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Branch<V> {
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return new Branch(1 << ia, [merge(a, b, shift + BITS)]);
  return new Branch((1 << ia) | (1 << ib), ia < ib ? [a, b] : [b, a]);
}

function collisionSet<V>(node: Collision<V>, leaf: Leaf<V>, result: SetResult): Collision<V> {
  const leaves = node.leaves;
  let i = 0;
  while (i < leaves.length && leaves[i]!.key < leaf.key) i++;
  if (i < leaves.length && leaves[i]!.key === leaf.key) {
    if (leaves[i]!.value === leaf.value) return node;
    return new Collision(node.hash, replaced(leaves, i, new Leaf(leaf.hash, leaves[i]!.key, leaf.value)));
  }
  result.added = true;
  return new Collision(node.hash, inserted(leaves, i, leaf));
}

function collisionDelete<V>(node: Collision<V>, key: string): Leaf<V> | Collision<V> {
  const leaves = node.leaves;
  let i = 0;
  while (i < leaves.length && leaves[i]!.key !== key) i++;
  if (i === leaves.length) return node;
  if (leaves.length === 2) return leaves[1 - i]!;
  return new Collision(node.hash, removed(leaves, i));
}

function branchSet<V>(node: Branch<V>, shift: number, leaf: Leaf<V>, result: SetResult): Branch<V> {
  const bit = 1 << ((leaf.hash >>> shift) & MASK);
  const index = indexOf(node.bitmap, bit);
  if ((node.bitmap & bit) === 0) {
    result.added = true;
    return new Branch(node.bitmap | bit, inserted(node.children, index, leaf));
  }
  const child = node.children[index]!;
  let next: Node<V>;
  if (child instanceof Branch) {
    next = branchSet(child, shift + BITS, leaf, result);
  } else if (child instanceof Leaf) {
    if (child.key === leaf.key) {
      if (child.value === leaf.value) return node;
      // Keep the key string the map already holds: an equal string made for this update
      // would otherwise be kept instead, beside the one that other maps hold.
      next = new Leaf(child.hash, child.key, leaf.value);
    } else {
      result.added = true;
      next =
        child.hash === leaf.hash
          ? new Collision(leaf.hash, child.key < leaf.key ? [child, leaf] : [leaf, child])
          : merge(child, leaf, shift + BITS);
    }
  } else if (child.hash === leaf.hash) {
    next = collisionSet(child, leaf, result);
  } else {
    result.added = true;
    next = merge(child, leaf, shift + BITS);
  }
  return next === child ? node : new Branch(node.bitmap, replaced(node.children, index, next));
}

/**
 * `node` without `key`: `node` itself when it has no such key, `undefined` when nothing is
 * left, or (below the root) the single leaf or collision left, to be stored in its place.
 */
function branchDelete<V>(node: Branch<V>, shift: number, hash: number, key: string): Node<V> | undefined {
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((node.bitmap & bit) === 0) return node;
  const index = indexOf(node.bitmap, bit);
  const child = node.children[index]!;
  let next: Node<V> | undefined;
  if (child instanceof Branch) {
    next = branchDelete(child, shift + BITS, hash, key);
  } else if (child instanceof Leaf) {
    if (child.key !== key) return node;
    next = undefined;
  } else {
    if (child.hash !== hash) return node;
    next = collisionDelete(child, key);
  }
  if (next === child) return node;
  const children = node.children;
  if (next === undefined) {
    if (children.length === 1) return undefined;
    if (shift > 0 && children.length === 2) {
      const other = children[1 - index]!;
      if (!(other instanceof Branch)) return other;
    }
    return new Branch(node.bitmap ^ bit, removed(children, index));
  }
  if (shift > 0 && children.length === 1 && !(next instanceof Branch)) return next;
  return new Branch(node.bitmap, replaced(children, index, next));
}

function nodesEqual<V>(a: Node<V>, b: Node<V>): boolean {
  if (a === b) return true;
  if (a instanceof Leaf) return b instanceof Leaf && a.key === b.key && a.value === b.value;
  if (a instanceof Collision) {
    if (!(b instanceof Collision) || a.leaves.length !== b.leaves.length) return false;
    for (let i = 0; i < a.leaves.length; i++) {
      if (!nodesEqual(a.leaves[i]!, b.leaves[i]!)) return false;
    }
    return true;
  }
  if (!(b instanceof Branch) || a.bitmap !== b.bitmap) return false;
  for (let i = 0; i < a.children.length; i++) {
    if (!nodesEqual(a.children[i]!, b.children[i]!)) return false;
  }
  return true;
}

function forEachLeaf<V>(node: Node<V>, visit: (leaf: Leaf<V>) => void): void {
  if (node instanceof Leaf) visit(node);
  else if (node instanceof Collision) for (const leaf of node.leaves) visit(leaf);
  else for (const child of node.children) forEachLeaf(child, visit);
}

function* leavesOf<V>(node: Node<V>): Generator<Leaf<V>, undefined, unknown> {
  if (node instanceof Leaf) yield node;
  else if (node instanceof Collision) yield* node.leaves;
  else for (const child of node.children) yield* leavesOf(child);
  return undefined;
}

/** The `MapIterator` the `ReadonlyMap` interface asks for, made from a generator. */
function mapIterator<V, T>(root: Branch<V>, project: (leaf: Leaf<V>) => T): MapIterator<T> {
  function* project_(): Generator<T, undefined, unknown> {
    for (const leaf of leavesOf(root)) yield project(leaf);
    return undefined;
  }
  return project_();
}

const EMPTY_ROOT: Branch<never> = new Branch<never>(0, []);

/**
 * An immutable `ReadonlyMap<string, V>`: {@link PersistentMap.set} and
 * {@link PersistentMap.delete} return a new map that shares all but O(log32 n) nodes with this
 * one, which stays as it was.
 *
 * Iteration order is the order of the keys' hashes (least significant 5 bits first; keys of
 * equal hash by string order). It depends on the set of keys alone, never on insertion order:
 * two maps with the same keys iterate them in the same order.
 */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  /**
   * The empty map.
   *
   * @param hash - How keys are hashed: {@link hashString} unless a test needs collisions.
   */
  static empty<V>(hash: StringHash = hashString): PersistentMap<V> {
    return new PersistentMap<V>(EMPTY_ROOT, 0, hash);
  }

  private constructor(
    private readonly root: Branch<V>,
    /** The number of entries. */
    readonly size: number,
    private readonly hash: StringHash,
  ) {}

  /** The value under `key`, if any. */
  get(key: string): V | undefined {
    return this.leaf(key)?.value;
  }

  /** Whether the map has an entry under `key`. */
  has(key: string): boolean {
    return this.leaf(key) !== undefined;
  }

  private leaf(key: string): Leaf<V> | undefined {
    const hash = this.hash(key) >>> 0;
    let node: Node<V> = this.root;
    let shift = 0;
    for (;;) {
      if (node instanceof Branch) {
        const bit = 1 << ((hash >>> shift) & MASK);
        if ((node.bitmap & bit) === 0) return undefined;
        node = node.children[indexOf(node.bitmap, bit)]!;
        shift += BITS;
      } else if (node instanceof Leaf) {
        return node.key === key ? node : undefined;
      } else {
        if (node.hash !== hash) return undefined;
        for (const leaf of node.leaves) if (leaf.key === key) return leaf;
        return undefined;
      }
    }
  }

  /** This map with `value` under `key`: this very map when it already held that value. */
  set(key: string, value: V): PersistentMap<V> {
    const result: SetResult = { added: false };
    const root = branchSet(this.root, 0, new Leaf(this.hash(key) >>> 0, key, value), result);
    if (root === this.root) return this;
    return new PersistentMap(root, result.added ? this.size + 1 : this.size, this.hash);
  }

  /** This map without `key`: this very map when it had no such key. */
  delete(key: string): PersistentMap<V> {
    const root = branchDelete(this.root, 0, this.hash(key) >>> 0, key);
    if (root === this.root) return this;
    return new PersistentMap(root === undefined ? EMPTY_ROOT : (root as Branch<V>), this.size - 1, this.hash);
  }

  /**
   * Whether both maps hold the same keys with identical (`===`) values. Cost: proportional to
   * the nodes the two maps do not share, so comparing a map with a recent ancestor is cheap.
   */
  equals(other: PersistentMap<V>): boolean {
    return this.size === other.size && nodesEqual<V>(this.root, other.root);
  }

  /** Calls `callback` on every entry, in iteration order. */
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    forEachLeaf(this.root, (leaf) => callback.call(thisArg, leaf.value, leaf.key, this));
  }

  /** The keys, in iteration order. */
  keys(): MapIterator<string> {
    return mapIterator(this.root, (leaf) => leaf.key);
  }

  /** The values, in iteration order. */
  values(): MapIterator<V> {
    return mapIterator(this.root, (leaf) => leaf.value);
  }

  /** The `[key, value]` entries, in iteration order. */
  entries(): MapIterator<[string, V]> {
    return mapIterator(this.root, (leaf): [string, V] => [leaf.key, leaf.value]);
  }

  /** The `[key, value]` entries, in iteration order. */
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /** `PersistentMap`, as `Object.prototype.toString` reports it. */
  get [Symbol.toStringTag](): string {
    return 'PersistentMap';
  }
}
