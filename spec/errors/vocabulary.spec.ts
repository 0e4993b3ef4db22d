// Every error class of the library speaks one vocabulary (ErrorFields): `kind`, `status`,
// `closeCode`, `attempts`, `cause`, under the same names and types in every class. Each error
// here comes from the code path that builds it in use, where that is cheap.
import { firstValueFrom } from 'rxjs';
import {
  AuthError,
  ConnectionError,
  decodeEvent,
  DecodeError,
  HandshakeError,
  isAuthError,
  isConnectionError,
  isDecodeError,
  isHandshakeError,
  isMessageError,
  isRestError,
  isStreamOptionsError,
  MessageError,
  RestError,
  StreamOptionsError,
  streamEvents,
  type ErrorFields,
  type StreamOptions,
} from '../../lib/index';
import { EmulatorError, isEmulatorError, readRecording } from '../../lib/emulator/index';
import type { RestFetch } from '../../lib/resync/RestFetch.js';
import { requestJson } from '../../lib/resync/requestJson.js';
import { FakeWebSocket, FakeWebSocketServer } from '../../lib/testing/index';
import { LOCAL_URL, TEST_AUTH } from '../stream/support/harness.js';

/** The error a stream over a fake socket ends with, after `act` on its first socket. */
function streamError(act: (socket: FakeWebSocket) => void, extra: Partial<StreamOptions> = {}): unknown {
  const server = new FakeWebSocketServer();
  let error: unknown;
  const subscription = streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, auth: TEST_AUTH, retry: false, ...extra }).subscribe({
    error: (e: unknown) => (error = e),
  });
  act(server.last);
  subscription.unsubscribe();
  return error;
}

/** The error one REST request ends with, for a fetch that answers `status` (or fails). */
function restError(fetch: RestFetch): Promise<unknown> {
  const request = {
    fetch,
    url: 'http://127.0.0.1:2/x?token=k3y',
    printableUrl: 'http://127.0.0.1:2/x?token=***',
    headers: {},
    scrub: (t: string) => t.split('k3y').join('***'),
  };
  return firstValueFrom(requestJson(request)).catch((e: unknown) => e);
}

const answering =
  (status: number): RestFetch =>
  () =>
    Promise.resolve({ status, json: () => Promise.resolve({}) });

/** What each error must read as: its guard, then its vocabulary fields. */
interface Expected {
  readonly guard: (error: unknown) => boolean;
  readonly kind: string;
  readonly status: number | undefined;
  readonly closeCode: number | undefined;
  readonly attempts: number | undefined;
  /** The cause's class name, `undefined` for none. */
  readonly cause: string | undefined;
}

// Node's own errors come from another realm than jest's, so `instanceof Error` says no to them.
const className = (value: unknown): unknown =>
  Object.prototype.toString.call(value) === '[object Error]' ? (value as Error).constructor.name : value;

const none = { status: undefined, closeCode: undefined, attempts: undefined, cause: undefined } as const;

const CASES: ReadonlyArray<[string, () => unknown, Expected]> = [
  [
    'AuthError at the handshake',
    () => streamError((s) => s.fail('Unexpected server response: 401')),
    { ...none, guard: isAuthError, kind: 'handshake', status: 401 },
  ],
  [
    'AuthError in-band',
    () => streamError((s) => (s.open(), s.message('{"type":"error","data":{"errorMessage":"UNAUTHORIZED"}}'))),
    { ...none, guard: isAuthError, kind: 'in-band' },
  ],
  ['AuthError from REST', () => restError(answering(403)), { ...none, guard: isAuthError, kind: 'rest', status: 403 }],
  [
    'ConnectionError on a close',
    () => streamError((s) => (s.open(), s.serverClose(1011))),
    { ...none, guard: isConnectionError, kind: 'closed', closeCode: 1011 },
  ],
  [
    'ConnectionError on a 503',
    () => streamError((s) => s.fail('Unexpected server response: 503')),
    { ...none, guard: isConnectionError, kind: 'server', status: 503 },
  ],
  [
    'ConnectionError when the stream gives up',
    () => streamError((s) => (s.open(), s.serverClose(1006)), { retry: { maxAttempts: 1 } }),
    { ...none, guard: isConnectionError, kind: 'closed', closeCode: 1006, attempts: 1 },
  ],
  [
    'HandshakeError',
    () => streamError((s) => s.fail('Unexpected server response: 404')),
    { ...none, guard: isHandshakeError, kind: 'client', status: 404 },
  ],
  [
    'MessageError of a malformed frame',
    () => streamError((s) => (s.open(), s.message('{')), { strict: true }),
    { ...none, guard: isMessageError, kind: 'syntax', cause: 'DecodeError' },
  ],
  [
    'MessageError of a binary frame',
    () => streamError((s) => (s.open(), s.message(new ArrayBuffer(2))), { strict: true }),
    { ...none, guard: isMessageError, kind: 'binary' },
  ],
  [
    'StreamOptionsError',
    () => {
      try {
        streamEvents({ url: 'ftp://127.0.0.1', auth: TEST_AUTH });
      } catch (error) {
        return error;
      }
      return undefined;
    },
    { ...none, guard: isStreamOptionsError, kind: 'options' },
  ],
  ['RestError of a 503', () => restError(answering(503)), { ...none, guard: isRestError, kind: 'server', status: 503 }],
  [
    'RestError of a failed request',
    () => restError(() => Promise.reject(new TypeError('fetch failed: http://127.0.0.1:2/x?token=k3y'))),
    { ...none, guard: isRestError, kind: 'network' },
  ],
  [
    'RestError when the watch gives up',
    () => new RestError('gave up', { kind: 'throttled', status: 429, attempts: 5 }),
    { ...none, guard: isRestError, kind: 'throttled', status: 429, attempts: 5 },
  ],
  ['DecodeError', () => (decodeEvent('{"type":"container"') as { left: unknown }).left, { ...none, guard: isDecodeError, kind: 'syntax' }],
  [
    'EmulatorError of an unreadable recording',
    () => readRecording('/nonexistent/recording.jsonl').catch((e: unknown) => e),
    { ...none, guard: isEmulatorError, kind: 'replay', cause: 'Error' },
  ],
];

describe('the vocabulary of the error classes', () => {
  it.each(CASES)('%s', async (_name, make, expected) => {
    const error = (await make()) as ErrorFields;
    expect(expected.guard(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    // One name per idea, with its type: a string kind, numbers or undefined for the rest.
    expect(typeof error.kind).toBe('string');
    for (const field of ['status', 'closeCode', 'attempts'] as const) expect(['number', 'undefined']).toContain(typeof error[field]);
    const cause = error.cause;
    expect({
      kind: error.kind,
      status: error.status,
      closeCode: error.closeCode,
      attempts: error.attempts,
      cause: className(cause),
    }).toEqual({
      kind: expected.kind,
      status: expected.status,
      closeCode: expected.closeCode,
      attempts: expected.attempts,
      cause: expected.cause,
    });
    // The names each class grew before are gone: `code` means nothing, two ideas had it.
    for (const legacy of ['code', 'statusCode', 'failure', 'reason', 'decodeError']) expect(legacy in error).toBe(false);
    // No field holds the credential of the request (the REST cases' `k3y`).
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('k3y');
  });

  it("keeps the cause's own code apart from the error's kind: an unreadable recording's cause is Node's ENOENT", async () => {
    const error = (await readRecording('/nonexistent/recording.jsonl').catch((e: unknown) => e)) as EmulatorError;
    expect(error.kind).toBe('replay');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it("a MessageError's cause is the DecodeError that tells where the frame went wrong", () => {
    const error = streamError((s) => (s.open(), s.message('{"type":"container","action":"boot"}')), { strict: true }) as MessageError;
    expect(error.cause).toBeInstanceOf(DecodeError);
    expect(error.cause).toMatchObject({ kind: 'schema', path: 'action' });
    expect(error.message).toBe(error.cause!.message);
  });

  it('every class is an ErrorFields of its own kinds (checked by the compiler)', () => {
    const all: ReadonlyArray<ErrorFields> = [
      new AuthError('refused', { kind: 'in-band' }),
      new ConnectionError('reset', { kind: 'network' }),
      new HandshakeError('not found', { status: 404 }),
      new MessageError('binary', { kind: 'binary' }),
      new StreamOptionsError('Invalid option url: bad', { option: 'url' }),
      new RestError('down', { kind: 'server', status: 503 }),
      new DecodeError('schema', 'action', 'a known action', '{}'),
      new EmulatorError('bad rate', { kind: 'options', option: 'rate' }),
    ];
    expect(all.map((error) => `${error.name}/${error.kind}`)).toEqual([
      'AuthError/in-band',
      'ConnectionError/network',
      'HandshakeError/client',
      'MessageError/binary',
      'StreamOptionsError/options',
      'RestError/server',
      'DecodeError/schema',
      'EmulatorError/options',
    ]);
    // @ts-expect-error a ConnectionError's kind is one of its literals
    expect(new ConnectionError('x', { kind: 'stall' }).kind).toBe('stall');
    // @ts-expect-error the close code is `closeCode`: there is no `code`
    expect(new ConnectionError('x', { kind: 'closed', code: 1006 }).closeCode).toBeUndefined();
    // @ts-expect-error the HTTP status is `status`: there is no `statusCode`
    expect(new HandshakeError('x', { status: 404 }).statusCode).toBeUndefined();
  });
});
