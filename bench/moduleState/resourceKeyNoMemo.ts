// The variant of lib/uri/resourceKey.ts without its module-level memo, for
// bench/moduleState: every call normalizes again, no string is shared. Same API.

import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';

function keyOf(uri: string): string {
  const key = normalizeResourceUri(uri);
  return key === uri ? uri : key;
}

export function internParentUri(uri: string): string {
  return uri;
}

export function shareParentUris(_parents: readonly string[]): void {}

export function resourceKey(uri: string): string {
  return keyOf(uri);
}

export function parentKey(uri: string): string {
  return keyOf(uri);
}
