// A hostile server echoes the credentials it received, in every encoding and every place a
// server can put text: a refused handshake (status line and body), frames that fail to decode
// (as JSON and as an event, the secret at the start, in the middle and across the excerpt's
// cut), a close reason cut at its 123 bytes, an in-band error. Whatever the credential and
// the encoding, no form of it and no piece of 8 characters of one reaches a status or an error.
import fc from 'fast-check';
import { AuthError } from '../../lib/errors/AuthError.js';
import { basicAuthorization } from '../../lib/credentials/basicAuthorization.js';
import { EXCERPT_LENGTH } from '../../lib/model/DecodeError.js';
import type { StreamAuth } from '../../lib/stream/StreamOptions.js';
import { errorMessage } from '../../lib/testing/index.js';
import { apiKeys, expectNoLeakIn, findLeak, schemes, users } from '../credentials/support/leaks.js';
import { FAST, probe, closeAllProbes } from '../integration/support/probe.js';
import {
  closeAllServers,
  startServer,
  type RecordedRequest,
  type ServerConnection,
  type TestServer,
} from '../integration/support/server.js';

jest.setTimeout(120_000);

type Given = 'basic' | 'verbatim' | 'query';

interface EchoCase {
  readonly user: string;
  readonly key: string;
  readonly scheme: string;
  readonly given: Given;
  /** Which encoding of ENCODINGS the server uses. */
  readonly encoding: number;
  /** Where the secret is cut, across the excerpt's end or the close reason's. */
  readonly cut: number;
}

const escapeEach = (text: string, every: number, escape: (c: string) => string): string =>
  [...text].map((c, i) => (i % every === 0 ? escape(c) : c)).join('');
const jsonEscape = (c: string): string => [...c].map((_, j) => `\\u${c.charCodeAt(j).toString(16).padStart(4, '0')}`).join('');
const percentEscape = (c: string): string =>
  encodeURIComponent(c) === c ? `%${c.charCodeAt(0).toString(16).padStart(2, '0')}` : encodeURIComponent(c);

/** How the server may write a secret back. */
const ENCODINGS: readonly ((secret: string) => string)[] = [
  (s) => s,
  encodeURIComponent,
  (s) => new URLSearchParams({ s }).toString().slice(2),
  (s) => JSON.stringify(s).slice(1, -1),
  (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  (s) => escapeEach(s, 2, jsonEscape),
  // Every third character percent-escaped, the escapes in lower case.
  (s) => escapeEach(s, 3, (c) => percentEscape(c).toLowerCase()),
];

function authOf(c: EchoCase): StreamAuth {
  if (c.given === 'basic') return { user: c.user, apiKey: c.key };
  if (c.given === 'verbatim') return { authorization: `${c.scheme} ${c.key}` };
  return { user: c.user, apiKey: c.key, in: 'query' };
}

/** The secrets of a case: what must not leak. */
function secretsOf(c: EchoCase): string[] {
  return c.given === 'verbatim' ? [c.key] : [c.key, basicAuthorization(c.user, c.key).slice(6)];
}

/** What the client sent, as the server received it. */
function received(request: RecordedRequest): string {
  return String(request.headers.authorization ?? request.query['auth'] ?? request.query['token'] ?? '');
}

/** `text` cut to at most `bytes` bytes of UTF-8, between two characters. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  for (const c of text) {
    if (Buffer.byteLength(out + c) > bytes) break;
    out += c;
  }
  return out;
}

/** The frames that fail to decode, each quoting the secret somewhere. */
function hostileFrames(secret: string, encoded: string, cut: number): string[] {
  const across = Math.max(1, EXCERPT_LENGTH - Math.min(cut, encoded.length - 1));
  return [
    // Malformed JSON: the secret at the start, in the middle, and across the excerpt's cut.
    `${encoded}{`,
    `{"echo":"${encoded}","more":`,
    `${'x'.repeat(across)}${encoded}${'y'.repeat(200)}`,
    // Well-formed JSON that is no event: the secret as a value, as a key, and across the cut.
    JSON.stringify({ type: 7, note: secret }),
    JSON.stringify({ [secret]: encoded }),
    `{"type":42,"pad":"${'p'.repeat(Math.max(1, across - 21))}","s":"${encoded}"}`,
  ];
}

describe('hostile server: credentials echoed back (property)', () => {
  let server: TestServer;
  let current: EchoCase | undefined;
  let first = 0;

  beforeAll(async () => {
    server = await startServer({
      handshake: (request) => {
        const c = current!;
        if (request.index !== first) return undefined;
        const encoded = ENCODINGS[c.encoding]!(c.key);
        // The status line can only carry ASCII: the URL-encoded form goes there.
        return {
          status: 503,
          statusText: `Unavailable ${encodeURIComponent(received(request))}`,
          body: `no ${received(request)} ${encoded}`,
        };
      },
      connection: (connection: ServerConnection) => void hostile(connection),
    });
  });
  afterAll(async () => {
    closeAllProbes();
    await closeAllServers();
  });

  async function hostile(connection: ServerConnection): Promise<void> {
    const c = current!;
    const encoded = ENCODINGS[c.encoding]!(c.key);
    const sent = received(connection.request);
    if (connection.request.index === first + 1) {
      await connection.send(...hostileFrames(c.key, encoded, c.cut), ...hostileFrames(sent, ENCODINGS[c.encoding]!(sent), c.cut));
      // A close reason holds 123 bytes: the secret is cut where they end.
      connection.ws.close(4001, cutToBytes(`revoked ${'r'.repeat(c.cut % 40)}${encoded} ${sent}`, 123));
    } else {
      await connection.send(errorMessage(`UNAUTHORIZED: ${encoded} is not ${sent}`));
    }
  }

  const ascii = (key: string): boolean => /^[\x20-\x7e]+$/.test(key);
  const cases = fc
    .record({
      user: users,
      key: apiKeys(),
      scheme: schemes,
      given: fc.constantFrom<Given>('basic', 'verbatim', 'query'),
      encoding: fc.integer({ min: 0, max: ENCODINGS.length - 1 }),
      cut: fc.integer({ min: 1, max: 60 }),
    })
    // A header can only carry Latin-1, and a verbatim value is sent as it is.
    .filter((c) => c.given !== 'verbatim' || (ascii(c.key) && c.key.trim() === c.key));

  it('lets no form of the secret reach a status or an error, in any place and encoding', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        runs += 1;
        current = c;
        first = server.requests.length;
        const p = probe({ ...FAST, url: server.url, auth: authOf(c), retry: { ...FAST.retry, maxAttempts: 10 } });
        try {
          await p.until(p.ended, 'the stream to end', 10_000);
          // Every place was tried: the refused handshake, the frames, the close, the in-band error.
          expect(p.error()).toBeInstanceOf(AuthError);
          expect(p.ofKind('rejected')).toHaveLength(12);
          expect(p.ofKind('reconnecting').map((s) => s.error.kind)).toEqual(['server', 'closed']);
          expectNoLeakIn([p.statuses, p.error()], secretsOf(c));
        } finally {
          p.unsubscribe();
        }
      }),
      { numRuns: 60 },
    );
    expect(runs).toBeGreaterThanOrEqual(60);
  });

  it('is checked by a checker that sees the secret in what the server sends', () => {
    const key = 'Zq9-abcdefgh/ijkl+mnop';
    for (const encode of ENCODINGS) {
      expect(findLeak(`reason: ${encode(key)}`, [key])).toBeDefined();
    }
    expect(findLeak(JSON.stringify(`${'x'.repeat(150)}${key.slice(0, 10)}`), [key])).toBeDefined();
  });
});
