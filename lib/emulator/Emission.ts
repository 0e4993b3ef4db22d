import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceRef } from '../uri/ResourceRef.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';

/**
 * One event on its way out: serialized once for every connection, with the resource
 * references its filters compare, parsed on first use only.
 *
 * @internal
 */
export class Emission {
  private objectRef: ResourceRef | null | undefined;
  private parentRefs: readonly (ResourceRef | undefined)[] | undefined;
  private tutumText: string | undefined;
  /** The frame Docker Cloud sends. */
  readonly text: string;

  constructor(
    /** The event. */
    readonly event: ResourceEvent,
    /** The exact frame to send, when it is not `JSON.stringify(event)` (a replayed line). */
    text?: string,
  ) {
    this.text = text ?? JSON.stringify(event);
  }

  /** The resource the event is about, when its URI is a resource URI. */
  get object(): ResourceRef | undefined {
    if (this.objectRef === undefined) this.objectRef = parseResourceUri(this.event.resource_uri) ?? null;
    return this.objectRef ?? undefined;
  }

  /** The event's parents, parsed. */
  get parents(): readonly (ResourceRef | undefined)[] {
    if (this.parentRefs === undefined) this.parentRefs = this.event.parents.map((parent) => parseResourceUri(parent));
    return this.parentRefs;
  }

  /**
   * The frame as Tutum sent it: URIs under `/api/v1/` without a namespace, `date` with a
   * `+00:00` offset instead of `datetime`, and no `uuid`.
   */
  get legacyText(): string {
    if (this.tutumText === undefined) {
      const e = this.event;
      const legacy: Record<string, unknown> = {
        type: e.type,
        action: e.action,
        parents: e.parents.map(tutumUri),
        resource_uri: tutumUri(e.resource_uri),
      };
      if (e.state !== undefined) legacy['state'] = e.state;
      if (e.datetime !== undefined) legacy['date'] = e.datetime.replace(/Z$/, '+00:00');
      this.tutumText = JSON.stringify(legacy);
    }
    return this.tutumText;
  }
}

/**
 * The Tutum form of a resource URI: `/api/v1/<kind>/<uuid>/`.
 *
 * @internal
 */
export function tutumUri(uri: string): string {
  const ref = parseResourceUri(uri);
  return ref === undefined ? uri : `/api/v1/${ref.kind}/${ref.uuid}/`;
}
