// Type-only: the result is built as a plain tagged object, so no fp-ts module is loaded at
// run time and the ESM build stays importable by Node (fp-ts has no exports map).
import type { Either } from 'fp-ts/lib/Either.js';
import type { CloudEvent } from './CloudEvent.js';
import { DecodeError, excerptOf } from './DecodeError.js';
import { FieldProblem } from './FieldProblem.js';
import { readCloudEvent } from './readCloudEvent.js';

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
  const event = readCloudEvent(value, typeof input === 'string');
  if (!(event instanceof FieldProblem)) return { _tag: 'Right', right: event };
  const raw = typeof input === 'string' ? input : safeStringify(input);
  return { _tag: 'Left', left: new DecodeError('schema', event.key, `${event.message}, got ${describe(event.actual)}`, excerptOf(raw)) };
}
