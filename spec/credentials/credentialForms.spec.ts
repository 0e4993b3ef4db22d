import fc from 'fast-check';
import { basicAuthorization } from '../../lib/credentials/basicAuthorization.js';
import { credentialForms } from '../../lib/credentials/credentialForms.js';
import { apiKeys, schemes, users } from './support/leaks.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => b64(text).replace(/\+/g, '-').replace(/\//g, '_');
const json = (text: string): string => JSON.stringify(text).slice(1, -1);

describe('basicAuthorization', () => {
  it('is Basic and the base64 of the UTF-8 of user:key', () => {
    expect(basicAuthorization('me', 'k3y')).toBe('Basic bWU6azN5');
    expect(basicAuthorization('jörg', 'clé-✓')).toBe(`Basic ${b64('jörg:clé-✓')}`);
  });
});

describe('credentialForms', () => {
  it('gives the key raw, URL-encoded, form-encoded and JSON-escaped', () => {
    const key = 'k3y/with+chars "é"';
    const forms = credentialForms({ apiKey: key });
    expect(forms).toEqual(
      expect.arrayContaining([key, encodeURIComponent(key), 'k3y%2Fwith%2Bchars+%22%C3%A9%22', json(key), 'k3y\\/with+chars \\"é\\"']),
    );
  });

  it('gives the base64 of user:key (and its URL-safe alphabet), never the user alone', () => {
    const forms = credentialForms({ user: 'production-team', apiKey: 'k?y>>>??' });
    expect(forms).toEqual(expect.arrayContaining([b64('production-team:k?y>>>??'), b64url('production-team:k?y>>>??'), 'k?y>>>??']));
    expect(forms.some((form) => form.includes('production-team'))).toBe(false);
  });

  it('gives the token after any scheme word, and not the scheme word', () => {
    for (const scheme of ['TutumAccessKey', 'Bearer', 'ApiKey', 'Token', 'X-Custom']) {
      const forms = credentialForms({ authorization: `${scheme}   t0ken-value-123 ` });
      expect(forms).toContain('t0ken-value-123');
      expect(forms.some((form) => form.includes(scheme))).toBe(false);
    }
  });

  it('decodes a verbatim Basic value to find the key inside it', () => {
    const value = basicAuthorization('me', 'the-k3y/inside');
    const forms = credentialForms({ authorization: value });
    expect(forms).toEqual(expect.arrayContaining([value.slice(6), b64url('me:the-k3y/inside'), 'the-k3y/inside', 'the-k3y%2Finside']));
    expect(forms).not.toContain('me');
    // In the URL-safe alphabet, or in another case of the scheme word, too.
    expect(credentialForms({ authorization: `basic ${b64url('me:the-k3y/inside')}` })).toContain('the-k3y/inside');
  });

  it('gives the key of an ApiKey user:key value (Tutum)', () => {
    expect(credentialForms({ authorization: 'ApiKey me:0123456789abcdef' })).toEqual(
      expect.arrayContaining(['me:0123456789abcdef', '0123456789abcdef']),
    );
  });

  it('takes a value without a scheme word whole, and a Basic token that does not decode as it is', () => {
    expect(credentialForms({ authorization: 'just-a-token' })).toContain('just-a-token');
    expect(credentialForms({ authorization: 'Basic !!not base64!!' })).toContain('!!not base64!!');
    expect(credentialForms({ authorization: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString('base64')}` })).toContain('//46QQ==');
  });

  it('is empty without credentials, and has no empty form', () => {
    expect(credentialForms({})).toEqual([]);
    expect(credentialForms({ user: 'me' })).toEqual([]);
    expect(credentialForms({ apiKey: '' })).toEqual([]);
  });

  it('holds every form of any key, user and scheme, longest first (property)', () => {
    fc.assert(
      fc.property(users, apiKeys(1), schemes, (user, key, scheme) => {
        const forms = credentialForms({ user, apiKey: key, authorization: `${scheme} ${key}` });
        for (const form of [
          key,
          encodeURIComponent(key),
          new URLSearchParams({ s: key }).toString().slice(2),
          json(key),
          b64(`${user}:${key}`),
        ]) {
          expect(forms).toContain(form);
        }
        const fromBasic = credentialForms({ authorization: basicAuthorization(user, key) });
        expect(fromBasic).toContain(key);
        expect(forms.every((form, i) => form !== '' && (i === 0 || forms[i - 1]!.length >= form.length))).toBe(true);
      }),
    );
  });
});
