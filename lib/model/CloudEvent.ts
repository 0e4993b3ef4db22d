import * as t from 'io-ts';
import { isControlMessageType, type ControlMessage } from './ControlMessage.js';
import { FieldProblem } from './FieldProblem.js';
import { isResourceType } from './isResourceType.js';
import { readCloudEvent } from './readCloudEvent.js';
import { ResourceEvent } from './ResourceEvent.js';
import type { UnknownEvent } from './UnknownEvent.js';
import { isValid, problemFailure } from './fields.js';

/** Every message this library knows the shape of: a union narrowed by `type`. */
export type KnownEvent = ResourceEvent | ControlMessage;

/**
 * Any message of the stream: a resource event, a control message, or an event of a type this
 * library does not know.
 */
export type CloudEvent = KnownEvent | UnknownEvent;

/**
 * Codec of {@link CloudEvent}. It reads the `type` first and validates against that type's
 * codec only, so a failure names the field that is wrong rather than listing every
 * alternative.
 *
 * @example
 * ```ts
 * CloudEvent.decode({ type: 'node', action: 'update', parents: [], resource_uri: '/api/v1/node/1/' });
 * ```
 */
export const CloudEvent: t.Type<CloudEvent, CloudEvent> = /* @__PURE__ */ new t.Type<CloudEvent, CloudEvent>(
  'CloudEvent',
  (u): u is CloudEvent => isValid(CloudEvent.validate(u, [])),
  (u, c): t.Validation<CloudEvent> => {
    const event = readCloudEvent(u, false);
    return event instanceof FieldProblem ? problemFailure(c, CloudEvent, event) : t.success(event);
  },
  (e) => (isResourceType(e.type) ? ResourceEvent.encode(e as ResourceEvent) : { ...e }),
);

/**
 * Whether `event` is of a type this library knows, after which `switch (event.type)` narrows.
 *
 * @example
 * ```ts
 * if (isKnownEvent(event) && event.type === 'container') console.log(event.state);
 * ```
 */
export function isKnownEvent(event: CloudEvent): event is KnownEvent {
  return isResourceType(event.type) || isControlMessageType(event.type);
}

/**
 * Whether `event` is about a resource (stack, service, container, node cluster, node, action).
 *
 * @example
 * ```ts
 * events$.pipe(filter(isResourceEvent));
 * ```
 */
export function isResourceEvent(event: CloudEvent): event is ResourceEvent {
  return isResourceType(event.type);
}
