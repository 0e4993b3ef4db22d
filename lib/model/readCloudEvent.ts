// Internal: not exported from the barrel. Reads any message of the stream without io-ts: the
// decoder of the stream runs on it alone, and the codecs wrap it.

import type { CloudEvent } from './CloudEvent.js';
import { isControlMessageType } from './ControlMessage.js';
import { FieldProblem } from './FieldProblem.js';
import { isResourceType } from './isResourceType.js';
import { readControlMessage } from './readControlMessage.js';
import { readResourceEvent } from './readResourceEvent.js';
import type { UnknownEvent } from './UnknownEvent.js';
import { isRecord } from './fields.js';

/**
 * Reads one message of the stream from a parsed JSON value: a {@link CloudEvent}, or the
 * {@link FieldProblem} of the first field that is wrong. `reuse` is for a value the caller has
 * just parsed and nobody else holds (see `readResourceEvent`).
 *
 * @internal
 */
export function readCloudEvent(value: unknown, reuse: boolean): CloudEvent | FieldProblem {
  if (!isRecord(value)) return new FieldProblem('', value, 'expected a JSON object');
  const type = value.type;
  if (typeof type !== 'string') return new FieldProblem('type', type, 'expected a string');
  // The type is checked: passed as the one expected, it is not looked up again.
  if (isResourceType(type)) return readResourceEvent(value, type, reuse);
  if (isControlMessageType(type)) return readControlMessage(value);
  const unknown: UnknownEvent = { ...value, type };
  return unknown;
}
