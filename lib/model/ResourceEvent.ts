import * as t from 'io-ts';
import { EventAction } from './EventAction.js';
import type { StateOf } from './ResourceState.js';
import { ResourceType } from './ResourceType.js';
import { fieldFailure, isRecord, isValid, optionalString } from './fields.js';

/**
 * An event about one resource of type `T`, with the wire's field names.
 *
 * @remarks
 * `uuid` and `datetime` come with Docker Cloud events only; Tutum's `date` is decoded into
 * `datetime`. `state` is absent from the earliest Tutum messages. Every decoded event is a
 * fresh object: no two subscribers ever share one.
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
  const type = input.type;
  if (!ResourceType.is(type) || (expected !== undefined && type !== expected)) {
    const what = expected === undefined ? 'a resource type' : `"${expected}"`;
    return fieldFailure(context, 'type', codec, type, `expected ${what}`);
  }
  const action = input.action;
  if (!EventAction.is(action)) {
    return fieldFailure(context, 'action', codec, action, 'expected "create", "update" or "delete"');
  }
  const wireParents = input.parents;
  if (!Array.isArray(wireParents)) {
    return fieldFailure(context, 'parents', codec, wireParents, 'expected an array of resource URIs');
  }
  const parents: string[] = new Array(wireParents.length);
  for (let i = 0; i < wireParents.length; i++) {
    const parent: unknown = wireParents[i];
    if (typeof parent !== 'string') {
      return fieldFailure(context, `parents.${i}`, codec, parent, 'expected a resource URI string');
    }
    parents[i] = parent;
  }
  const uri = input.resource_uri;
  if (typeof uri !== 'string' || uri.length === 0) {
    return fieldFailure(context, 'resource_uri', codec, uri, 'expected a non-empty resource URI string');
  }
  const state = optionalString(input.state);
  if (state === false) return fieldFailure(context, 'state', codec, input.state, 'expected a string');
  const uuid = optionalString(input.uuid);
  if (uuid === false) return fieldFailure(context, 'uuid', codec, input.uuid, 'expected a string');
  const datetimeKey = input.datetime === undefined && input.date !== undefined ? 'date' : 'datetime';
  const datetime = optionalString(input[datetimeKey]);
  if (datetime === false) {
    return fieldFailure(context, datetimeKey, codec, input[datetimeKey], 'expected an ISO 8601 string');
  }

  // Built field by field so that every decoded event has the same shape (fast property
  // access downstream) and owns its `parents` array.
  const event: {
    type: ResourceType;
    action: EventAction;
    parents: readonly string[];
    resource_uri: string;
    state?: string;
    uuid?: string;
    datetime?: string;
  } = { type, action, parents, resource_uri: uri };
  if (state !== undefined) event.state = state;
  if (uuid !== undefined) event.uuid = uuid;
  if (datetime !== undefined) event.datetime = datetime;
  return t.success(event as ResourceEvent);
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
export const StackEvent = resourceEventCodec('stack', 'StackEvent');
/** Codec of {@link ServiceEvent}. */
export const ServiceEvent = resourceEventCodec('service', 'ServiceEvent');
/** Codec of {@link ContainerEvent}. */
export const ContainerEvent = resourceEventCodec('container', 'ContainerEvent');
/** Codec of {@link NodeClusterEvent}. */
export const NodeClusterEvent = resourceEventCodec('nodecluster', 'NodeClusterEvent');
/** Codec of {@link NodeEvent}. */
export const NodeEvent = resourceEventCodec('node', 'NodeEvent');
/** Codec of {@link ActionEvent}. */
export const ActionEvent = resourceEventCodec('action', 'ActionEvent');

/**
 * Codec of {@link ResourceEvent}: decodes an event of any of the six resource types.
 *
 * @example
 * ```ts
 *  * const result = ResourceEvent.decode(JSON.parse(text));
 * if (isRight(result)) console.log(result.right.state);
 * ```
 */
export const ResourceEvent: t.Type<ResourceEvent, ResourceEvent> = new t.Type<ResourceEvent, ResourceEvent>(
  'ResourceEvent',
  (u): u is ResourceEvent => isValid(ResourceEvent.validate(u, [])),
  (u, c) => validateResourceEvent(ResourceEvent, undefined, u, c),
  encodeResourceEvent,
);
