import * as t from 'io-ts';
import type { EventAction } from './EventAction.js';
import { FieldProblem } from './FieldProblem.js';
import { readResourceEvent } from './readResourceEvent.js';
import type { StateOf } from './ResourceState.js';
import type { ResourceType } from './ResourceType.js';
import { isRecord, isValid, problemFailure } from './fields.js';

/**
 * An event about one resource of type `T`, with the wire's field names.
 *
 * @remarks
 * `uuid` and `datetime` come with Docker Cloud events only; Tutum's `date` is decoded into
 * `datetime`. `state` is absent from the earliest Tutum messages. Every decoded event is a
 * fresh object: no two calls of `decodeEvent` ever return the same one.
 *
 * @example
 * ```ts
 * const e: ResourceEventOf<'container'> = {
 *   type: 'container', action: 'update', state: 'Running',
 *   resource_uri: '/api/app/v1/ns/container/0b0e/', parents: ['/api/app/v1/ns/service/5bcf/'],
 * };
 * ```
 */
export interface ResourceEventOf<T extends ResourceType> {
  /** The kind of resource the event is about. */
  readonly type: T;
  /** What happened to it. */
  readonly action: EventAction;
  /** The resource URIs of its parents, per the parent-child hierarchy. */
  readonly parents: readonly string[];
  /** The REST resource URI of the resource itself. */
  readonly resource_uri: string;
  /** Its state after the change, when the server sent one. */
  readonly state?: StateOf<T>;
  /** The event's unique identifier (Docker Cloud only). */
  readonly uuid?: string;
  /** When the event happened, ISO 8601 (Tutum's `date` is read into it). */
  readonly datetime?: string;
}

/** An event about a stack. */
export type StackEvent = ResourceEventOf<'stack'>;
/** An event about a service. */
export type ServiceEvent = ResourceEventOf<'service'>;
/** An event about a container. */
export type ContainerEvent = ResourceEventOf<'container'>;
/** An event about a node cluster. */
export type NodeClusterEvent = ResourceEventOf<'nodecluster'>;
/** An event about a node. */
export type NodeEvent = ResourceEventOf<'node'>;
/** An event about an action (an operation on another resource). */
export type ActionEvent = ResourceEventOf<'action'>;

/** An event about any kind of resource: a union narrowed by its `type`. */
export type ResourceEvent = { [T in ResourceType]: ResourceEventOf<T> }[ResourceType];

function validateResourceEvent(
  codec: t.Decoder<unknown, unknown>,
  expected: ResourceType | undefined,
  input: unknown,
  context: t.Context,
): t.Validation<ResourceEvent> {
  if (!isRecord(input)) return t.failure(input, context, 'expected a JSON object');
  const event = readResourceEvent(input, expected);
  if (event instanceof FieldProblem) return problemFailure(context, codec, event);
  return t.success(event);
}

function encodeResourceEvent<E extends ResourceEventOf<ResourceType>>(event: E): E {
  return { ...event, parents: [...event.parents] };
}

function resourceEventCodec<T extends ResourceType>(type: T, name: string): t.Type<ResourceEventOf<T>, ResourceEventOf<T>> {
  const codec: t.Type<ResourceEventOf<T>, ResourceEventOf<T>> = new t.Type(
    name,
    (u): u is ResourceEventOf<T> => isRecord(u) && u.type === type && isValid(codec.validate(u, [])),
    (u, c) => validateResourceEvent(codec, type, u, c) as t.Validation<ResourceEventOf<T>>,
    encodeResourceEvent,
  );
  return codec;
}

/** Codec of {@link StackEvent}. */
export const StackEvent = /* @__PURE__ */ resourceEventCodec('stack', 'StackEvent');
/** Codec of {@link ServiceEvent}. */
export const ServiceEvent = /* @__PURE__ */ resourceEventCodec('service', 'ServiceEvent');
/** Codec of {@link ContainerEvent}. */
export const ContainerEvent = /* @__PURE__ */ resourceEventCodec('container', 'ContainerEvent');
/** Codec of {@link NodeClusterEvent}. */
export const NodeClusterEvent = /* @__PURE__ */ resourceEventCodec('nodecluster', 'NodeClusterEvent');
/** Codec of {@link NodeEvent}. */
export const NodeEvent = /* @__PURE__ */ resourceEventCodec('node', 'NodeEvent');
/** Codec of {@link ActionEvent}. */
export const ActionEvent = /* @__PURE__ */ resourceEventCodec('action', 'ActionEvent');

/**
 * Codec of {@link ResourceEvent}: decodes an event of any of the resource types.
 *
 * @example
 * ```ts
 *  * const result = ResourceEvent.decode(JSON.parse(text));
 * if (isRight(result)) console.log(result.right.state);
 * ```
 */
export const ResourceEvent: t.Type<ResourceEvent, ResourceEvent> = /* @__PURE__ */ new t.Type<ResourceEvent, ResourceEvent>(
  'ResourceEvent',
  (u): u is ResourceEvent => isValid(ResourceEvent.validate(u, [])),
  (u, c) => validateResourceEvent(ResourceEvent, undefined, u, c),
  encodeResourceEvent,
);
