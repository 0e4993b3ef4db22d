import { isResourceType } from '../model/isResourceType.js';
import { RESOURCE_TYPES } from '../model/vocabulary.js';
import type { ResourceRef } from '../uri/ResourceRef.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';
import { sameResource } from '../uri/sameResource.js';
import type { Emission } from './Emission.js';

/**
 * The server-side filter of a stream connection, as the query asked for it. Each present
 * field narrows the stream (they combine with AND); the values of one field are alternatives
 * (OR).
 *
 * @example
 * ```ts
 * const filter: ConnectionFilter = emulator.connections[0]!.filter; // { type: ['container'] }
 * ```
 */
export interface ConnectionFilter {
  /** `type`: the event types sent. */
  readonly type?: readonly string[];
  /** `object`: the resources whose events are sent. */
  readonly object?: readonly string[];
  /** `parent` and `parents` together: an event is sent when any of its parents is one of these. */
  readonly parent?: readonly string[];
}

/**
 * A parsed {@link ConnectionFilter}, ready to test events.
 *
 * @internal
 */
export class EventFilter {
  private constructor(
    readonly description: ConnectionFilter,
    private readonly types: ReadonlySet<string> | undefined,
    private readonly objects: readonly ResourceRef[] | undefined,
    private readonly parents: readonly ResourceRef[] | undefined,
  ) {}

  /**
   * Reads `type`, `object`, `parent` and `parents` from a query: repeated parameters and
   * comma-joined values both count. Returns the reason as a string when a value is malformed:
   * empty, an unknown type, or an object or parent that is not a resource URI.
   */
  static parse(query: URLSearchParams): EventFilter | string {
    const read = (...names: string[]): string[] | undefined => {
      const raw = names.flatMap((name) => query.getAll(name));
      return raw.length === 0 ? undefined : raw.flatMap((value) => value.split(',')).map((value) => value.trim());
    };
    const type = read('type');
    const object = read('object');
    const parent = read('parent', 'parents');
    if (type !== undefined) {
      const bad = type.find((value) => !isResourceType(value));
      if (bad !== undefined) return `unknown event type ${JSON.stringify(bad)} (expected one of ${RESOURCE_TYPES.join(', ')})`;
    }
    const refs = (name: string, values: string[] | undefined): ResourceRef[] | string | undefined => {
      if (values === undefined) return undefined;
      const parsed: ResourceRef[] = [];
      for (const value of values) {
        const ref = parseResourceUri(value);
        // Only the resource types have events: a URI of another kind (or a namespaced listing, which
        // parses as kind = namespace) could never match, and is a mistake.
        if (ref === undefined || ref.uuid === '' || !isResourceType(ref.kind))
          return `${name} ${JSON.stringify(value)} is not a resource URI`;
        parsed.push(ref);
      }
      return parsed;
    };
    const objects = refs('object', object);
    if (typeof objects === 'string') return objects;
    const parents = refs('parent', parent);
    if (typeof parents === 'string') return parents;
    const description: { type?: readonly string[]; object?: readonly string[]; parent?: readonly string[] } = {};
    if (type !== undefined) description.type = type;
    if (object !== undefined) description.object = object;
    if (parent !== undefined) description.parent = parent;
    return new EventFilter(Object.freeze(description), type === undefined ? undefined : new Set(type), objects, parents);
  }

  /** Whether the connection gets this event. */
  matches(emission: Emission): boolean {
    if (this.types !== undefined && !this.types.has(emission.event.type)) return false;
    if (this.objects !== undefined) {
      const object = emission.object;
      if (object === undefined || !this.objects.some((ref) => sameResource(ref, object))) return false;
    }
    if (this.parents !== undefined) {
      const parents = emission.parents;
      if (!parents.some((parent) => parent !== undefined && this.parents!.some((ref) => sameResource(ref, parent)))) return false;
    }
    return true;
  }
}
