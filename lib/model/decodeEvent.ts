// Type-only: the result is built as a plain tagged object, so no fp-ts module is loaded at
// run time and the ESM build stays importable by Node (fp-ts has no exports map).
import type { Either } from 'fp-ts/lib/Either.js';
import { stackless } from '../errors/stackless.js';
import type { CloudEvent } from './CloudEvent.js';
import { excerptOf, type DecodeError } from './DecodeError.js';
import { FieldProblem } from './FieldProblem.js';
import { FrameRejection } from './FrameRejection.js';
import { readCloudEvent } from './readCloudEvent.js';

/** What a failure's texts are passed through before they are cut: a scrubber of credentials. */
type Scrub = (text: string) => string;

const same: Scrub = (text) => text;

function describe(value: unknown, scrub: Scrub): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${excerptOf(scrub(JSON.stringify(value))).slice(0, 40)}`;
  if (typeof value === 'object') return 'an object';
  // A symbol or a function: only a caller's own value can be one, and its text would say nothing.
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a number, boolean, bigint, null or undefined is all that is left
  return `${typeof value} ${String(value)}`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// V8 quotes a cut-off piece of the input, from its start or from the middle
// (`Unexpected token 'a', "apikey-S3C"... is not valid JSON`, `…, ..."{"echo":"k3y"... is
// not valid JSON`): a piece that no scrubber can recognise as part of a credential. The
// excerpt quotes the frame anyway, scrubbed, so the quote is dropped.
function syntaxDetail(message: string): string {
  return message.replace(/\n[^]*|, (?:\.\.\.)?"[^]*/, '');
}

/**
 * Reads one frame for the stream: the event, or a {@link FrameRejection} whose texts quote the
 * frame passed through `scrub` (applied to the whole frame, before it is cut) and are worked
 * out only when its `DecodeError` is first asked for. Everything a rejection costs beyond `JSON.parse` and the
 * validation is two small plain objects: the frame is parsed once, no stack is captured (not
 * even by `JSON.parse`'s own throw), and no `Error` is built until someone asks for one.
 *
 * @internal
 */
export function readFrame(input: unknown, scrub: Scrub): CloudEvent | FrameRejection {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = stackless((): unknown => JSON.parse(input));
    } catch (error) {
      // JSON.parse throws SyntaxErrors only (no reviver runs).
      const { message } = error as SyntaxError;
      return new FrameRejection('syntax', '', () => [syntaxDetail(message), excerptOf(scrub(input))]);
    }
  }
  const event = readCloudEvent(value, typeof input === 'string');
  if (!(event instanceof FieldProblem)) return event;
  const { key, message, actual } = event;
  return new FrameRejection('schema', key, () => [
    `${message}, got ${describe(actual, scrub)}`,
    excerptOf(scrub(typeof input === 'string' ? input : safeStringify(input))),
  ]);
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
export function decodeEvent(input: unknown): Either<DecodeError, CloudEvent> {
  const read = readFrame(input, same);
  return read instanceof FrameRejection ? { _tag: 'Left', left: read.toDecodeError() } : { _tag: 'Right', right: read };
}
