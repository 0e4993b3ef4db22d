import * as t from 'io-ts';
import { EventAction } from './EventAction.js';
import type { StateOf } from './ResourceState.js';
import { ResourceType } from './ResourceType.js';
import { fieldFailure, isRecord, isValid, optionalString, type JsonRecord } from './fields.js';

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

/**
 * Why a message is not a resource event: the field, what came there, what was expected. A
 * plain value, so that reading an event allocates no io-ts context unless it fails.
 *
 * @internal
 */
export class FieldProblem {
  constructor(
    readonly key: string,
    readonly actual: unknown,
    readonly message: string,
  ) {}
}

/**
 * Reads a resource event from a parsed JSON value: the event, or the {@link FieldProblem} of
 * the first field that is wrong. Every field is checked either way. The event is a fresh
 * object with a `parents` array of its own, unless `reuse` is set (for a value the caller has
 * just parsed, which nobody else holds) and the value is in the decoded form already: then
 * it is the value itself, which spares a copy of every event off the wire.
 *
 * @internal
 */
export function readResourceEvent(input: JsonRecord, expected: ResourceType | undefined, reuse = false): ResourceEvent | FieldProblem {
  const type = input.type;
  if (!ResourceType.is(type) || (expected !== undefined && type !== expected)) {
    const what = expected === undefined ? 'a resource type' : `"${expected}"`;
    return new FieldProblem('type', type, `expected ${what}`);
  }
  const action = input.action;
  if (action !== 'update' && action !== 'create' && action !== 'delete') {
    return new FieldProblem('action', action, 'expected "create", "update" or "delete"');
  }
  const wireParents = input.parents;
  if (!Array.isArray(wireParents)) return new FieldProblem('parents', wireParents, 'expected an array of resource URIs');
  const count = wireParents.length;
  for (let i = 0; i < count; i++) {
    const parent: unknown = wireParents[i];
    if (typeof parent !== 'string') return new FieldProblem(`parents.${i}`, parent, 'expected a resource URI string');
  }
  const uri = input.resource_uri;
  if (typeof uri !== 'string' || uri.length === 0) {
    return new FieldProblem('resource_uri', uri, 'expected a non-empty resource URI string');
  }
  const state = optionalString(input.state);
  if (state === false) return new FieldProblem('state', input.state, 'expected a string');
  const uuid = optionalString(input.uuid);
  if (uuid === false) return new FieldProblem('uuid', input.uuid, 'expected a string');
  const datetimeKey = input.datetime === undefined && input.date !== undefined ? 'date' : 'datetime';
  const datetime = optionalString(input[datetimeKey]);
  if (datetime === false) return new FieldProblem(datetimeKey, input[datetimeKey], 'expected an ISO 8601 string');
  // A value in the decoded form already (the model's fields and no other: no Tutum `date`, no
  // `null` standing for an absent field, which the count of fields would show) that nobody
  // else holds is the event itself: no copy.
  if (
    reuse &&
    datetimeKey === 'datetime' &&
    fieldCount(input) === 4 + (state === undefined ? 0 : 1) + (uuid === undefined ? 0 : 1) + (datetime === undefined ? 0 : 1)
  ) {
    return input as unknown as ResourceEvent;
  }
  return buildResourceEvent(type, action, (wireParents as string[]).slice(), uri, state, uuid, datetime);
}

/**
 * A decoded resource event, built field by field so that every copied event has the same
 * shape, without the optional fields it lacks and without fields the model does not define.
 */
function buildResourceEvent(
  type: ResourceType,
  action: EventAction,
  parents: readonly string[],
  resource_uri: string,
  state: string | undefined,
  uuid: string | undefined,
  datetime: string | undefined,
): ResourceEvent {
  const event: {
    type: ResourceType;
    action: EventAction;
    parents: readonly string[];
    resource_uri: string;
    state?: string;
    uuid?: string;
    datetime?: string;
  } = { type, action, parents, resource_uri };
  if (state !== undefined) event.state = state;
  if (uuid !== undefined) event.uuid = uuid;
  if (datetime !== undefined) event.datetime = datetime;
  return event as ResourceEvent;
}

/** How many own enumerable fields `input` has. */
function fieldCount(input: JsonRecord): number {
  let count = 0;
  // eslint-disable-next-line guard-for-in -- a parsed JSON object has no inherited fields.
  for (const _ in input) count++;
  return count;
}

function validateResourceEvent(
  codec: t.Decoder<unknown, unknown>,
  expected: ResourceType | undefined,
  input: unknown,
  context: t.Context,
): t.Validation<ResourceEvent> {
  if (!isRecord(input)) return t.failure(input, context, 'expected a JSON object');
  const event = readResourceEvent(input, expected);
  if (event instanceof FieldProblem) return fieldFailure(context, event.key, codec, event.actual, event.message);
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
