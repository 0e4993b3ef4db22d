// Type-only: the result is built as a plain tagged object, so no fp-ts module is loaded at
// run time and the ESM build stays importable by Node (fp-ts has no exports map).
import type { Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { CloudEvent } from './CloudEvent.js';
import { DecodeError, excerptOf } from './DecodeError.js';
import { isRecord } from './fields.js';
import { FieldProblem, readResourceEvent } from './ResourceEvent.js';
import { ResourceType } from './ResourceType.js';

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${excerptOf(JSON.stringify(value)).slice(0, 40)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function toDecodeError(errors: t.Errors, raw: () => string): DecodeError {
  const error = errors[0];
  if (error === undefined) return new DecodeError('schema', '', 'rejected', excerptOf(raw()));
  const path = error.context
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.');
  const detail = `${error.message ?? 'invalid value'}, got ${describe(error.value)}`;
  return new DecodeError('schema', path, detail, excerptOf(raw()));
}

/**
 * Decodes one message of the stream, given as its raw text or as parsed JSON. It never
 * throws: the result is an `Either` whose left is a {@link DecodeError} naming the failing
 * path, and whose right is a fresh {@link CloudEvent} that no other caller shares.
 *
 * @example
 * ```ts
 * import { isRight } from 'fp-ts/Either';
 * const result = decodeEvent('{"type":"stack","action":"create","parents":[],"resource_uri":"/api/app/v1/stack/1/","state":"Not Running"}');
 * if (isRight(result) && result.right.type === 'stack') console.log(result.right.state);
 * ```
 */
export function decodeEvent(input: string | unknown): Either<DecodeError, CloudEvent> {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] ?? 'unreadable' : 'unreadable';
      return { _tag: 'Left', left: new DecodeError('syntax', '', detail, excerptOf(input)) };
    }
  }
  // The common case first, without an io-ts context: a resource event of the right shape.
  if (isRecord(value) && ResourceType.is(value.type)) {
    const event = readResourceEvent(value, undefined, typeof input === 'string');
    if (!(event instanceof FieldProblem)) return { _tag: 'Right', right: event };
  }
  const result = CloudEvent.validate(value, [{ key: '', type: CloudEvent, actual: value }]);
  if (result._tag === 'Right') return result;
  return { _tag: 'Left', left: toDecodeError(result.left, () => (typeof input === 'string' ? input : safeStringify(input))) };
}
