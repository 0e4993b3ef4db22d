// The section of a kind's canonical URI, shared by formatResourceUri and normalizeResourceUri.
// Internal: not exported from the barrel.

import { isResourceType } from '../model/isResourceType.js';
import { SECTION_OF, type ApiSection } from '../model/vocabulary.js';

/**
 * The API section of the canonical URI of `kind`: its {@link SECTION_OF} entry, or `app` for a
 * kind this library does not know (`image`, `buildsetting`…). The check comes first so that a
 * hostile kind such as `constructor` never reads the record's prototype.
 */
export function sectionOf(kind: string): ApiSection {
  return isResourceType(kind) ? SECTION_OF[kind] : 'app';
}
