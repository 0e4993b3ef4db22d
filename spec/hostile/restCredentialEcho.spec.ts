// The REST side of watchResources against a hostile API (a scripted fake, on virtual time):
// it echoes the credentials it received in a network error, in a listing that does not
// decode, in an error status, and in the path and the harmless parameters of a `next` page.
// No form of a credential, nor a piece of 8 characters of one, reaches a status or an error.
import fc from 'fast-check';
import { map, timer } from 'rxjs';
import { basicAuthorization } from '../../lib/credentials/basicAuthorization.js';
import type { StreamAuth } from '../../lib/stream/StreamOptions.js';
import { createEventTestScheduler, containerEvent } from '../../lib/testing/index.js';
import type { RestFetch, RestRequestInit, RestResponse } from '../../lib/resync/RestFetch.js';
import { apiKeys, expectNoLeakIn, findLeak, schemes, users } from '../credentials/support/leaks.js';
import { at, watchHarness } from '../resync/support.js';

type Given = 'basic' | 'verbatim' | 'query-user' | 'query-auth';

const jsonEscape = (c: string): string => [...c].map((_, j) => `\\u${c.charCodeAt(j).toString(16).padStart(4, '0')}`).join('');
const ENCODINGS: readonly ((secret: string) => string)[] = [
  (s) => s,
  encodeURIComponent,
  (s) => new URLSearchParams({ s }).toString().slice(2),
  (s) => JSON.stringify(s).slice(1, -1),
  (s) => [...s].map((c, i) => (i % 2 === 0 ? jsonEscape(c) : c)).join(''),
];

function authOf(given: Given, user: string, key: string, scheme: string): StreamAuth {
  if (given === 'basic') return { user, apiKey: key };
  if (given === 'verbatim') return { authorization: `${scheme} ${key}` };
  if (given === 'query-auth') return { authorization: `${scheme} ${key}`, in: 'query' };
  return { user, apiKey: key, in: 'query' };
}

/** What the client sent, as the API received it. */
function received(request: { url: URL; init: RestRequestInit } | undefined): string {
  if (request === undefined) return '';
  return request.init.headers['Authorization'] ?? request.url.searchParams.get('auth') ?? request.url.searchParams.get('token') ?? '';
}

/** Everything a consumer can read of a status: its JSON with errors spelt out, and messages. */
describe('hostile REST API: credentials echoed back (property)', () => {
  it('lets no form of the secret reach a status or an error of the watch', () => {
    const cases = fc
      .record({
        user: users,
        key: apiKeys(),
        scheme: schemes,
        given: fc.constantFrom<Given>('basic', 'verbatim', 'query-user', 'query-auth'),
        encoding: fc.integer({ min: 0, max: ENCODINGS.length - 1 }),
        cut: fc.integer({ min: 1, max: 40 }),
      })
      .filter((c) => !c.given.startsWith('verbatim') || (/^[\x20-\x7e]+$/.test(c.key) && c.key.trim() === c.key))
      .filter((c) => c.given !== 'query-auth' || c.key.trim() === c.key);
    fc.assert(
      fc.property(cases, (c) => {
        const scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
        scheduler.run(({ flush }) => {
          const requests: { url: URL; init: RestRequestInit }[] = [];
          // The hostile API: each answer is made when its request comes, echoing that request.
          const fetch: RestFetch = (url, init) => {
            requests.push({ url: new URL(url), init });
            const answer = (answers[requests.length - 1] ?? answers[answers.length - 1]!)();
            return timer(10).pipe(
              map((): RestResponse => {
                if ('network' in answer) throw new TypeError(answer.network);
                return { status: answer.status, json: () => answer.body };
              }),
            );
          };
          const h = watchHarness({ kinds: ['container'], auth: authOf(c.given, c.user, c.key, c.scheme), fetch });
          const encoded = ENCODINGS[c.encoding]!(c.key);
          const echo = (): string => `${received(requests[requests.length - 1])} ${encoded}`;
          const ok = containerEvent('c1', 'Running');
          const object = { uuid: 'c1', resource_uri: ok.resource_uri, state: 'Running', type: 'container', parents: [] };
          // Each answer is taken when a request is made: the echo is of that request.
          const answers: (() => { network: string } | { status: number; body: unknown })[] = [
            () => ({ network: `connect failed: ${echo()}` }),
            () => ({
              status: 200,
              body: { meta: { next: null, total_count: echo() }, objects: [{ resource_uri: echo(), state: encoded }] },
            }),
            () => ({ status: 500, body: echo() }),
            () => ({
              status: 200,
              body: {
                meta: {
                  total_count: 2,
                  next: `/api/app/v1/container/${encodeURIComponent(c.key).slice(c.cut % 5)}/?offset=${encodeURIComponent(echo())}&limit=${encoded}`,
                },
                objects: [object],
              },
            }),
            () => ({ network: `reset by ${echo()}` }),
            () => ({ status: 401, body: echo() }),
          ];
          h.record(h.watch.cache, 600_000);
          at(10, () => h.ws.last.open());
          flush();
          // Every answer was asked for: the API's text reached every place it can.
          expect(h.statuses.filter((s) => s.kind === 'list-failed').map((s) => (s as { error: { kind: string } }).error.kind)).toEqual([
            'network',
            'schema',
            'server',
            'network',
          ]);
          expect(h.statuses.find((s) => s.kind === 'failed')).toMatchObject({ error: { name: 'AuthError' } });
          expectNoLeakIn(
            h.statuses,
            c.given.includes('auth') || c.given === 'verbatim' ? [c.key.trim()] : [c.key, basicAuthorization(c.user, c.key).slice(6)],
          );
        });
      }),
      { numRuns: 60 },
    );
  });

  it('is checked by a checker that sees the secret as the API writes it', () => {
    const key = 'Zq9-abcdefgh/ijkl+mnop';
    for (const encode of ENCODINGS) expect(findLeak(`body: ${encode(key)}`, [key])).toBeDefined();
  });
});
