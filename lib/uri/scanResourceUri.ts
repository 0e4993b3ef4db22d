// The one reading of the resource URI grammar, shared by parseResourceUri and
// normalizeResourceUri. Internal: not exported from the barrel.

import { isResourceType } from '../model/isResourceType.js';
import { RESOURCE_TYPES } from '../model/vocabulary.js';

/**
 * Where the parts of a resource URI lie in {@link ResourceSpan.text}: `[from, to)` offsets,
 * `-1` for a part the URI does not have.
 */
export interface ResourceSpan {
  /** The URI scanned, trimmed. */
  readonly text: string;
  readonly kindFrom: number;
  readonly kindTo: number;
  readonly uuidFrom: number;
  readonly uuidTo: number;
  readonly namespaceFrom: number;
  readonly namespaceTo: number;
  readonly sectionFrom: number;
  readonly sectionTo: number;
}

const SLASH = 47;
// The most non-empty segments a resource URI has: api, section, version, namespace, kind, uuid.
const MOST = 6;

/** Whether `text.slice(from, to)` is `v` and digits: an API version segment. */
function isVersionAt(text: string, from: number, to: number): boolean {
  if (to - from < 2 || text.charCodeAt(from) !== 118 /* v */) return false;
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether `text.slice(from, to)` is a lower-case word (letters, digits, `_`, `-`) starting with a letter: a kind. */
function isKindAt(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  if (!(first >= 97 && first <= 122)) return false;
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** The length of the longest resource type: a uuid is longer, and is not sliced to be compared. */
const LONGEST_TYPE = /* @__PURE__ */ Math.max(...RESOURCE_TYPES.map((type) => type.length));

/** Whether `text.slice(from, to)` names one of the resource types. */
function isResourceTypeAt(text: string, from: number, to: number): boolean {
  return to - from <= LONGEST_TYPE && isResourceType(text.slice(from, to));
}

/**
 * Reads `uri` as a resource URI: surrounding space, an origin
 * (`https://host`), a query and a fragment are skipped, and empty segments ignored. Then the
 * path must be `api/[<section>/]v<digits>/[<namespace>/]<kind>/<uuid>`, with a lower-case
 * kind; `api/…/v1/<namespace>/<type>` (a listing, shaped like `<kind>/<uuid>`) is not one.
 *
 * @returns the offsets of the parts; `undefined` when `uri` is not a resource URI.
 */
export function scanResourceUri(uri: string): ResourceSpan | undefined {
  // Scratch of this call. Module-level arrays shared by every call were measured no faster
  // (`node --expose-gc bench/moduleState/run.mjs`, 6 runs: normalizeResourceUri either way
  // faster by up to 30%, 0.7 to 2.7 µs a call on a loaded machine): each call has its own.
  const starts = new Int32Array(MOST);
  const ends = new Int32Array(MOST);
  // V8 gives the string itself back when there is nothing to trim: no copy in the usual case.
  const text = uri.trim();
  let from = 0;
  let to = text.length;
  if (text.charCodeAt(0) !== SLASH) {
    const scheme = text.indexOf('://');
    if (scheme > 0) {
      const path = text.indexOf('/', scheme + 3);
      from = path < 0 ? to : path;
    }
  }
  const query = text.indexOf('?', from);
  if (query >= 0) to = query;
  const fragment = text.indexOf('#', from);
  if (fragment >= 0 && fragment < to) to = fragment;

  let n = 0;
  for (let i = from; i < to;) {
    if (text.charCodeAt(i) === SLASH) {
      i++;
      continue;
    }
    let end = text.indexOf('/', i);
    if (end < 0 || end > to) end = to;
    if (n === MOST) return undefined;
    starts[n] = i;
    ends[n] = end;
    n++;
    i = end;
  }
  if (n < 4 || ends[0]! - starts[0]! !== 3 || !text.startsWith('api', starts[0])) return undefined;
  let rest: number;
  if (isVersionAt(text, starts[1]!, ends[1]!)) rest = 2;
  else if (n >= 5 && isVersionAt(text, starts[2]!, ends[2]!)) rest = 3;
  else return undefined;
  const count = n - rest;
  if (count !== 2 && count !== 3) return undefined;
  const kindFrom = starts[n - 2]!;
  const kindTo = ends[n - 2]!;
  const uuidFrom = starts[n - 1]!;
  const uuidTo = ends[n - 1]!;
  if (!isKindAt(text, kindFrom, kindTo)) return undefined;
  if (count === 2 && isResourceTypeAt(text, uuidFrom, uuidTo) && !isResourceTypeAt(text, kindFrom, kindTo)) return undefined;
  return {
    text,
    kindFrom,
    kindTo,
    uuidFrom,
    uuidTo,
    namespaceFrom: count === 3 ? starts[rest]! : -1,
    namespaceTo: count === 3 ? ends[rest]! : -1,
    sectionFrom: rest === 3 ? starts[1]! : -1,
    sectionTo: rest === 3 ? ends[1]! : -1,
  };
}
