// How a rejected frame is described: cheaply (no stack, texts worked out when read), and
// without a credential (the whole frame scrubbed, then cut). What it costs is measured by
// benchmark 1 (`npm run bench -- --only=1`), not here.
import { MessageError } from '../../lib/errors/MessageError.js';
import { stackless } from '../../lib/errors/stackless.js';
import { DecodeError, EXCERPT_LENGTH } from '../../lib/model/DecodeError.js';
import { decodeEvent, readFrame } from '../../lib/model/decodeEvent.js';
import { FrameRejection } from '../../lib/model/FrameRejection.js';
import type { StreamStatus } from '../../lib/stream/StreamStatus.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import { FakeWebSocketServer } from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, at, virtual } from './support/harness.js';

const API_KEY = 'apikey-S3CRET-7f3a9c2e11d04b6a8e5f';

/** The rejections of `frames`, sent on one connection with `{ user, apiKey: API_KEY }`. */
function rejectionsOf(...frames: string[]): MessageError[] {
  const server = new FakeWebSocketServer();
  const statuses: StreamStatus[] = [];
  virtual(() => {
    new Recording(
      streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: { user: 'me', apiKey: API_KEY }, status: (s) => statuses.push(s) }),
      100,
    );
    at(1, () => server.last.open());
    frames.forEach((frame, i) => at(2 + i, () => server.last.message(frame)));
  });
  return statuses.flatMap((s) => (s.kind === 'rejected' ? [s.error] : []));
}

/** Every string reachable from the own properties (symbols and non-enumerable ones too) of `value`. */
function ownStrings(value: object, seen = new Set<unknown>()): string[] {
  if (seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor)) continue;
    const field: unknown = descriptor.value;
    if (typeof field === 'string') out.push(field);
    else if (typeof field === 'object' && field !== null) out.push(...ownStrings(field, seen));
  }
  return out;
}

/** Every prefix of `secret` at least `min` characters long. */
function fragments(secret: string, min: number): string[] {
  return Array.from({ length: secret.length - min + 1 }, (_, i) => secret.slice(0, min + i));
}

describe('streamEvents: a rejected frame', () => {
  it('quotes the frame scrubbed whole, then cut: no cut-off piece of a credential', () => {
    // The key straddles the cut of the excerpt: cutting first would leave its first half.
    const padding = 'x'.repeat(EXCERPT_LENGTH - 12);
    const [syntax, schema] = rejectionsOf(
      `{"pad":"${padding}","key":"${API_KEY}"`,
      JSON.stringify({ type: 'container', action: API_KEY, parents: [], resource_uri: `/api/app/v1/container/${padding}/` }),
    );
    for (const error of [syntax!, schema!]) {
      const texts = [error.message, error.cause!.excerpt, error.cause!.detail, error.stack ?? ''];
      for (const fragment of fragments(API_KEY, 8)) for (const text of texts) expect(text).not.toContain(fragment);
    }
    expect(schema!.cause!.detail).toBe('expected "create", "update" or "delete", got the string "***"');
    expect(syntax!.cause!.excerpt).toHaveLength(EXCERPT_LENGTH + 1);
  });

  it("does not carry V8's own quote of the frame into the detail", () => {
    // V8 words this `Unexpected token 'a', "apikey-S3C"... is not valid JSON`: a piece of the key.
    const [error] = rejectionsOf(`${API_KEY} and more`);
    expect(error!.kind).toBe('syntax');
    expect(error!.cause!.detail).toMatch(/^Unexpected token/);
    for (const fragment of fragments(API_KEY, 6)) expect(error!.message).not.toContain(fragment);
    expect(error!.message).toContain('***');
  });

  it("does not carry V8's quote from the middle of the frame either", () => {
    // Past the start, V8 words it `Unexpected token 'a', ..."", "key": apikey-S3C"... is not valid JSON`.
    const [error] = rejectionsOf(`{"echo": "${'x'.repeat(30)}", "key": ${API_KEY}}`);
    expect(error!.kind).toBe('syntax');
    expect(error!.cause!.detail).toBe("Unexpected token 'a'");
    for (const fragment of fragments(API_KEY, 6)) expect(error!.message).not.toContain(fragment);
  });

  it('is a real Error with a name, a message and a stack, but no stack frames', () => {
    const limit = Error.stackTraceLimit;
    const [error] = rejectionsOf('{"type":');
    expect(error).toBeInstanceOf(Error);
    expect(Object.prototype.toString.call(error)).toBe('[object Error]');
    expect(error!.name).toBe('MessageError');
    expect(error!.message).toMatch(/^Malformed JSON \(.+\) in message: \{"type":$/);
    expect(error!.stack).toBe(`MessageError: ${error!.message}`);
    const decodeError = error!.cause!;
    expect(decodeError).toBeInstanceOf(DecodeError);
    expect(Object.prototype.toString.call(decodeError)).toBe('[object Error]');
    expect(decodeError.stack).toBe(`DecodeError: ${decodeError.message}`);
    expect(error!.cause).toBe(decodeError);
    // The stack limit was only lowered around the construction.
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('x').stack).toContain('\n    at ');
  });

  it('exposes no credential through any property, before or after its texts are read', () => {
    const [error] = rejectionsOf(`{"type":"${API_KEY}",`);
    const before = ownStrings(error!);
    expect(before.join('\n')).not.toContain(API_KEY);
    expect(error!.message).toContain('***');
    const after = [...ownStrings(error!), ...ownStrings(error!.cause!), JSON.stringify(error), JSON.stringify(error!.cause)];
    expect(after.join('\n')).not.toContain(API_KEY);
    expect(error!.cause).toMatchObject({ name: 'DecodeError', kind: 'syntax', path: '', excerpt: expect.stringContaining('***') });
  });
});

describe('readFrame: the texts of a rejection', () => {
  it('are worked out once, when first read, from the whole frame', () => {
    const scrubbed: string[] = [];
    const scrub = (text: string): string => {
      scrubbed.push(text);
      return text.split('SECRET').join('***');
    };
    const frame = `{"type":"container","action":"boot","x":"${'y'.repeat(300)}SECRET"}`;
    const rejection = readFrame(frame, scrub);
    expect(rejection).toBeInstanceOf(FrameRejection);
    const error = new MessageError(undefined, { kind: 'schema', cause: rejection as FrameRejection });
    expect(error.kind).toBe('schema');
    expect(scrubbed).toEqual([]);
    expect(error.message).toContain('in message: {"type":"container","action":"boot"');
    expect(error.message).not.toContain('SECRET');
    expect(scrubbed).toContain(frame);
    expect(error.cause!.path).toBe('action');
    const calls = scrubbed.length;
    void error.message;
    void error.cause!.excerpt;
    expect(scrubbed).toHaveLength(calls);
  });

  it('keep what decodeEvent reported before: same path, detail and excerpt', () => {
    const left = decodeEvent('{"type":"container","action":"boot"}');
    expect(left._tag).toBe('Left');
    if (left._tag !== 'Left') return;
    expect(left.left).toBeInstanceOf(DecodeError);
    const { name, kind, path, detail, excerpt, message } = left.left;
    expect({ name, kind, path, detail, excerpt, message }).toEqual({
      name: 'DecodeError',
      kind: 'schema',
      path: 'action',
      detail: 'expected "create", "update" or "delete", got the string "boot"',
      excerpt: '{"type":"container","action":"boot"}',
      message:
        'Invalid message at action: expected "create", "update" or "delete", got the string "boot" in message: {"type":"container","action":"boot"}',
    });
    expect(left.left.stack).toBe(`DecodeError: ${message}`);
  });

  it('an error whose message is rewritten keeps the new message', () => {
    const error = new MessageError(undefined, { kind: 'syntax', cause: new DecodeError('syntax', '', 'bad', '{') });
    expect(error.message).toBe('Malformed JSON (bad) in message: {');
    error.message = 'rewritten';
    expect(error.message).toBe('rewritten');
  });
});

describe('stackless', () => {
  const E = Error as { stackTraceLimit?: number };
  const original = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  afterEach(() => {
    if (original === undefined) delete E.stackTraceLimit;
    else Object.defineProperty(Error, 'stackTraceLimit', original);
  });

  it('builds without stack frames and restores the limit, even when the work throws', () => {
    const limit = E.stackTraceLimit;
    expect(stackless(() => new Error('x').stack)).toBe('Error: x');
    expect(() => stackless(() => JSON.parse('{') as unknown)).toThrow(SyntaxError);
    expect(E.stackTraceLimit).toBe(limit);
  });

  it('runs the work as it is where the limit is absent or cannot be written', () => {
    Object.defineProperty(Error, 'stackTraceLimit', { value: 10, writable: false, configurable: true });
    expect(stackless(() => 1 + 1)).toBe(2);
    expect(E.stackTraceLimit).toBe(10);
    delete E.stackTraceLimit;
    expect(stackless(() => 2 * 2)).toBe(4);
    expect(E.stackTraceLimit).toBeUndefined();
  });
});
