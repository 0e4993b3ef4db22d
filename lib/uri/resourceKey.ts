// The key of every resource URI the stream carries, and one string per distinct parent URI: a
// small, bounded memo shared by the operators. Internal: not exported from a barrel.
//
// Why one memo for the whole process. Every event names its resource and its parents, and
// every operator that remembers resources asks for the canonical key of the same URIs
// (`normalizeResourceUri`). Hashing a fresh 70-character string costs more in V8 than the
// rest of an operator's work on an event, and parsing a URI more again; a memo per operator
// pays both in each of them, and keeps its own copy of every key. One memo lets the operators
// share the work and the key strings, and lets the events a consumer keeps (a view, a cache)
// share their parents' URI strings (a parent named by a million events is one string). The
// decoder leaves the events it reads as they are: interning every URI of every event costs
// more than it saves, where most events are dropped as soon as they pass.
//
// Why this is not the kind of module state the style rules out. The memo holds values of pure
// functions of immutable strings, so no caller can observe it except by time and memory: the
// results are the same strings, equal in content, whatever its state; nothing one subscription
// does changes what another gets. It is bounded (10,240 URIs of at most 512 characters: a few
// MB at the very worst, about 2 MB with real URIs; older ones overwritten), and never shares
// anything mutable.
//
// What it buys, measured (`node --expose-gc bench/moduleState/run.mjs`, which bundles lib/ with
// this memo and with a resourceKey that normalizes on every call, and times both in turns over
// 20,000 recorded events freshly decoded, 25 rounds a run, on a loaded 2-core machine): the
// benchmarks' consumer pipeline (ofType, underParent, stateTransitions, groupByResource) is
// slower without it in every one of 5 runs, by 11 to 23% (11.7 µs an event with it against
// 13.2-14.3 µs without, in the quietest runs). `resourceView` alone shows no consistent
// difference (either way by up to 25%, the noise of the machine). A memo per operator instance
// (not measured) would normalize each URI once per operator rather than once per process.
//
// Shape. Two tables: one for the URIs events name as parents (services, stacks, nodes,
// clusters: few, and named over and over), one for the URIs of the resources themselves
// (one per resource, so a large account streams through it), so that the second never
// pushes the first out. Each is a two-way set-associative table: the set of a URI is a hash
// of its length and its last characters (the uuid's, which tell URIs apart), computed here
// rather than by `Map`, which would hash every character of every fresh string. Within a set,
// a hit moves to the front and a miss evicts the back, so a URI in use survives a stream of
// one-off URIs.

import { normalizeResourceUri } from './normalizeResourceUri.js';

/** How many of a URI's last characters its hash reads. */
const TAIL = 12;
/**
 * The longest URI the memo holds. Real ones are under 100 characters; a frame may be up to
 * `maxMessageSize`, and the memo must not keep thousands of those alive.
 */
const LONGEST = 512;

/** One table of the memo: URIs, and their keys once asked for. */
class UriMemo {
  private readonly mask: number;
  readonly uris: (string | undefined)[];
  private readonly keys: (string | undefined)[];

  /** @param sets - How many sets (a power of two); the table holds twice as many URIs. */
  constructor(sets: number) {
    this.mask = sets - 1;
    this.uris = new Array<string | undefined>(2 * sets).fill(undefined);
    this.keys = new Array<string | undefined>(2 * sets).fill(undefined);
  }

  /**
   * The slot of `uri` (the first of its set's two): FNV-1a over the length and the last
   * {@link TAIL} characters, then mixed so that the low bits depend on all of them.
   */
  private slotOf(uri: string): number {
    const end = uri.length;
    let h = Math.imul(0x811c9dc5 ^ end, 0x01000193);
    for (let i = end > TAIL ? end - TAIL : 0; i < end; i++) h = Math.imul(h ^ uri.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return (h & this.mask) << 1;
  }

  /** The slot holding `uri` (moved to the front of its set), or -1 - the slot of its set. */
  find(uri: string): number {
    const slot = this.slotOf(uri);
    const uris = this.uris;
    if (uris[slot] === uri) return slot;
    if (uris[slot + 1] !== uri) return -1 - slot;
    // A hit on the back: swap, so that the set keeps the one used last in front.
    const keys = this.keys;
    const found = uris[slot + 1];
    const key = keys[slot + 1];
    uris[slot + 1] = uris[slot];
    keys[slot + 1] = keys[slot];
    uris[slot] = found;
    keys[slot] = key;
    return slot;
  }

  /** Makes `uri` the front of the set at `slot`, evicting the back. */
  insert(slot: number, uri: string, key: string | undefined): void {
    const uris = this.uris;
    const keys = this.keys;
    uris[slot + 1] = uris[slot];
    keys[slot + 1] = keys[slot];
    uris[slot] = uri;
    keys[slot] = key;
  }

  key(uri: string): string {
    if (uri.length > LONGEST) return keyOf(uri);
    const slot = this.find(uri);
    if (slot >= 0) {
      let key = this.keys[slot];
      if (key === undefined) this.keys[slot] = key = keyOf(uri);
      return key;
    }
    const key = keyOf(uri);
    this.insert(-1 - slot, uri, key);
    return key;
  }
}

/**
 * The string `memo` holds equal to `uri`, else `uri`, which it then holds. A function beside the
 * class rather than a method, so that a bundle which never interns (the typical pipeline) leaves
 * it out.
 */
function intern(memo: UriMemo, uri: string): string {
  if (uri.length > LONGEST) return uri;
  const slot = memo.find(uri);
  if (slot >= 0) return memo.uris[slot]!;
  memo.insert(-1 - slot, uri, undefined);
  return uri;
}

/** `normalizeResourceUri(uri)`, or `uri` itself when it is its own key (no second string). */
function keyOf(uri: string): string {
  const key = normalizeResourceUri(uri);
  return key === uri ? uri : key;
}

const parentUris = new UriMemo(4096);
const resourceUris = new UriMemo(1024);

/**
 * One string for every equal parent URI: the string the memo already holds if it holds one
 * equal to `uri`, else `uri`, which it then holds. The result is always equal to `uri`.
 */
export function internParentUri(uri: string): string {
  return intern(parentUris, uri);
}

/**
 * Replaces every URI of `parents` with the memo's equal string ({@link internParentUri}), in
 * place: for an event about to be kept, so that kept events share one string per parent.
 * Strings are values, so no reader can tell the difference; a frozen array is left alone.
 */
export function shareParentUris(parents: readonly string[]): void {
  if (Object.isFrozen(parents)) return;
  const uris = parents as string[];
  for (let i = 0; i < uris.length; i++) uris[i] = intern(parentUris, uris[i]!);
}

/**
 * The canonical key of the URI of a resource an event is about: exactly
 * `normalizeResourceUri(uri)`, remembered. The key under which every operator tracks the
 * resource; the same URI asked again gives the same key string, so that maps keyed by it
 * find it without hashing or comparing characters again.
 *
 * @example
 * ```ts
 * resourceKey('/api/app/v1/acme/service/5bcf/'); // '/api/app/v1/service/5bcf/'
 * ```
 */
export function resourceKey(uri: string): string {
  return resourceUris.key(uri);
}

/** As {@link resourceKey}, for a URI an event names as a parent. */
export function parentKey(uri: string): string {
  return parentUris.key(uri);
}
