// Internal: not exported from the barrel. Reads control messages without io-ts.

import type { ControlMessage } from './ControlMessage.js';
import { FieldProblem } from './FieldProblem.js';
import { isRecord, type JsonRecord } from './fields.js';

/**
 * Reads a control message (`auth`, `error`, `user-notification(s)`) from a parsed JSON object:
 * a fresh message, or the {@link FieldProblem} of the field that is wrong.
 *
 * @internal
 */
export function readControlMessage(input: JsonRecord): ControlMessage | FieldProblem {
  switch (input.type) {
    case 'auth':
      return { type: 'auth' };
    case 'error': {
      const data = input.data;
      if (!isRecord(data)) return new FieldProblem('data', data, 'expected an object with an errorMessage');
      const errorMessage = data.errorMessage;
      if (typeof errorMessage !== 'string') return new FieldProblem('data.errorMessage', errorMessage, 'expected a string');
      return { type: 'error', data: { errorMessage } };
    }
    case 'user-notification':
    case 'user-notifications':
      return { ...input, type: input.type };
    default:
      return new FieldProblem('type', input.type, 'expected a control message type');
  }
}
