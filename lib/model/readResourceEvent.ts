// Internal: not exported from the barrel. Reads resource events without io-ts, so that the
// decoder of the stream does not pull io-ts into a bundle.

import type { EventAction } from './EventAction.js';
import { FieldProblem } from './FieldProblem.js';
import { isResourceType } from './isResourceType.js';
import type { ResourceEvent } from './ResourceEvent.js';
import type { ResourceType } from './ResourceType.js';
import { optionalString, type JsonRecord } from './fields.js';
import { EVENT_ACTIONS, wordsOf } from './vocabulary.js';

// A set rather than `EVENT_ACTIONS.includes`: a set lookup of an interned string is cheaper.
const ACTIONS: ReadonlySet<unknown> = /* @__PURE__ */ new Set<unknown>(EVENT_ACTIONS);

function isAction(value: unknown): value is EventAction {
  return ACTIONS.has(value);
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
  // An expected type is a resource type: equal to it, `type` needs no set lookup.
  if (expected === undefined ? !isResourceType(type) : type !== expected) {
    const what = expected === undefined ? 'a resource type' : `"${expected}"`;
    return new FieldProblem('type', type, `expected ${what}`);
  }
  const action = input.action;
  if (!isAction(action)) {
    return new FieldProblem('action', action, `expected ${wordsOf(EVENT_ACTIONS, true)}`);
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
  // `type` is a resource type, checked first (by the set, or as equal to the expected one).
  return buildResourceEvent(type as ResourceType, action, (wireParents as string[]).slice(), uri, state, uuid, datetime);
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
  // `for…in` rather than `Object.keys` allocates nothing; a parsed JSON object has no inherited fields.
  for (const _ in input) count++;
  return count;
}
