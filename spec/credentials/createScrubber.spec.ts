import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { basicAuthorization } from '../../lib/credentials/basicAuthorization.js';
import { createScrubber, FRAGMENT_LENGTH } from '../../lib/credentials/createScrubber.js';
import { credentialForms } from '../../lib/credentials/credentialForms.js';
import { apiKeys, expectNoLeak, findLeak, schemes, users } from './support/leaks.js';

const KEY = '2f1c9a7e-58b4-4c1e-9d3a-77e0c5b1a2d4';
const scrub = createScrubber(credentialForms({ user: 'me', apiKey: KEY }));

/** The text with each character escaped as JSON `\uXXXX` or as `%XX`, where `pick` says. */
function escapeSome(text: string, pick: (i: number) => 'json' | 'percent' | 'none'): string {
  return [...text]
    .map((c, i) => {
      const how = pick(i);
      if (how === 'json') return [...c].map((_, j) => `\\u${c.charCodeAt(j).toString(16).padStart(4, '0')}`).join('');
      if (how === 'percent')
        return encodeURIComponent(c) === c ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c);
      return c;
    })
    .join('');
}

describe('createScrubber', () => {
  it('replaces each form, and runs of forms, with one ***', () => {
    expect(scrub(`key ${KEY} and ${encodeURIComponent(KEY)}`)).toBe('key *** and ***');
    expect(scrub(`${KEY}${KEY}!`)).toBe('***!');
    expect(scrub(`Authorization: ${basicAuthorization('me', KEY)}`)).toBe('Authorization: Basic ***');
  });

  it(`replaces any piece of ${FRAGMENT_LENGTH} characters or more of a form, wherever a text was cut`, () => {
    expect(scrub(`excerpt: {"token":"${KEY.slice(0, 20)}`)).toBe('excerpt: {"token":"***');
    expect(scrub(`${KEY.slice(-FRAGMENT_LENGTH)}" rest`)).toBe('***" rest');
    expect(scrub(`…${KEY.slice(7, 7 + FRAGMENT_LENGTH)}…`)).toBe('…***…');
    // A shorter piece is below the threshold: it is left, as documented.
    expect(scrub(`${KEY.slice(0, FRAGMENT_LENGTH - 1)}`)).toBe(KEY.slice(0, FRAGMENT_LENGTH - 1));
  });

  it('scrubs a form shorter than the threshold whole, and only whole', () => {
    const short = createScrubber(credentialForms({ apiKey: 'k3y!' }));
    expect(short('got k3y! and k3y%21 then k3y')).toBe('got *** and *** then k3y');
  });

  it('sees through JSON and percent escapes of any character, and \\ read as / (a URL path)', () => {
    const ascii = escapeSome(KEY, (i) => (i % 3 === 0 ? 'json' : 'none'));
    const percent = escapeSome(KEY, (i) => (i % 4 === 1 ? 'percent' : 'none'));
    expect(scrub(`{"a":"${ascii}"}`)).toBe('{"a":"***"}');
    expect(scrub(`/x/${percent}/y`)).toBe('/x/***/y');
    const odd = createScrubber(credentialForms({ apiKey: 'a\\b/c"d😀e:f+g=h%i' }));
    expect(odd(`path /a/b/c"d😀e:f+g=h%i`)).toBe('path /***');
    expect(odd(JSON.stringify({ k: 'a\\b/c"d😀e:f+g=h%i' }))).toBe('{"k":"***"}');
    expect(odd(`q=${escapeSome('a\\b/c"d😀e:f+g=h%i', () => 'percent')}&`)).toBe('q=***&');
    expect(odd(`"${escapeSome('a\\b/c"d😀e:f+g=h%i', () => 'json')}"`)).toBe('"***"');
  });

  it('leaves the user name, the scheme word and ordinary text alone', () => {
    const team = createScrubber(credentialForms({ user: 'production-team', apiKey: KEY, authorization: `TutumAccessKey ${KEY}` }));
    const text = 'production-team refused: TutumAccessKey expected, see /api/app/v1/production-team/service/?limit=25 (100%)';
    expect(team(text)).toBe(text);
  });

  it('finds no secret in the documentation of the project, for keys of ordinary length (property)', () => {
    const root = join(__dirname, '..', '..');
    const docs = [
      join(root, 'README.md'),
      ...readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(root, 'docs', f)),
    ];
    const corpus = docs.map((file) => readFileSync(file, 'utf8')).join('\n');
    const uuid = fc.uuid();
    const token = fc.string({ minLength: 32, maxLength: 40, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')) });
    fc.assert(
      fc.property(users, fc.oneof(uuid, token), (user, key) => {
        fc.pre(!corpus.includes(key.slice(0, FRAGMENT_LENGTH)));
        const s = createScrubber(credentialForms({ user, apiKey: key, authorization: basicAuthorization(user, key) }));
        expect(s(corpus) === corpus).toBe(true);
      }),
      { numRuns: 6 },
    );
  });

  it('is the identity without forms', () => {
    const none = createScrubber([]);
    expect(none('anything \\u0041 %41')).toBe('anything \\u0041 %41');
  });

  it('lets no form and no long piece of a secret through, however encoded, escaped or cut (property)', () => {
    const encodings: ((text: string, seed: number) => string)[] = [
      (t) => t,
      encodeURIComponent,
      (t) => new URLSearchParams({ s: t }).toString().slice(2),
      (t) => JSON.stringify(t).slice(1, -1),
      (t) => JSON.stringify(t).slice(1, -1).replace(/\//g, '\\/'),
      (t, seed) => escapeSome(t, (i) => ((i * 7 + seed) % 3 === 0 ? 'json' : 'none')),
      (t, seed) => escapeSome(t, (i) => ((i * 5 + seed) % 3 === 0 ? 'percent' : 'none')),
    ];
    fc.assert(
      fc.property(
        users,
        apiKeys(),
        schemes,
        fc.integer({ min: 0, max: encodings.length - 1 }),
        fc.nat(100),
        fc.nat(60),
        fc.nat(60),
        fc.constantFrom('apiKey', 'basic', 'token'),
        (user, key, scheme, encoding, seed, from, length, given) => {
          const credentials =
            given === 'apiKey'
              ? { user, apiKey: key }
              : given === 'basic'
                ? { authorization: basicAuthorization(user, key) }
                : { authorization: `${scheme} ${key}` };
          const s = createScrubber(credentialForms(credentials));
          const basic = basicAuthorization(user, key).slice(6);
          const secrets = given === 'token' ? [key.trim()] : [key, basic];
          for (const secret of secrets) {
            const encoded = encodings[encoding]!(secret, seed);
            const piece = encoded.slice(
              Math.min(from, encoded.length - 1),
              Math.min(from, encoded.length - 1) + Math.max(length, FRAGMENT_LENGTH * 6),
            );
            for (const text of [`before ${encoded} after`, `cut: ${piece}`, `${encoded}${encoded.slice(0, from)}`]) {
              expectNoLeak(s(text), secrets);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is checked by a checker that catches each kind of leak', () => {
    expect(findLeak(`x ${KEY.slice(3, 11)} y`, [KEY])).toBe(KEY.slice(3, 11));
    expect(
      findLeak(
        escapeSome(KEY, () => 'json'),
        [KEY],
      ),
    ).toBeDefined();
    expect(
      findLeak(
        escapeSome(KEY, () => 'percent'),
        [KEY],
      ),
    ).toBeDefined();
    expect(findLeak('nothing here', [KEY])).toBeUndefined();
  });
});
