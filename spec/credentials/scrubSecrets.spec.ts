import fc from 'fast-check';
import { scrubSecrets, secretsOf } from '../../lib/cli/scrubSecrets.js';
import { basicAuthorization } from '../../lib/credentials/basicAuthorization.js';
import { apiKeys, expectNoLeak, schemes, users } from './support/leaks.js';

describe('secretsOf and scrubSecrets (the command line)', () => {
  it('derive the forms of every credential variable through the one module', () => {
    const env = {
      DOCKERCLOUD_USER: 'me',
      DOCKERCLOUD_APIKEY: 'api-k3y-0001',
      DOCKERCLOUD_PASS: 'pass-w0rd-0002',
      DOCKERCLOUD_AUTH: basicAuthorization('you', 'auth-k3y-0003'),
    };
    const secrets = secretsOf(env);
    const text = `${env.DOCKERCLOUD_APIKEY} ${env.DOCKERCLOUD_PASS} ${env.DOCKERCLOUD_AUTH} auth-k3y-0003 ${basicAuthorization('me', 'pass-w0rd-0002')} me you`;
    expect(scrubSecrets(text, secrets)).toBe('*** *** Basic *** *** Basic *** me you');
    expect(secretsOf({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: '  ' })).toEqual([]);
  });

  it('scrub with the same scrubber for the same list, and a new one for another list', () => {
    const first = secretsOf({ DOCKERCLOUD_APIKEY: 'first-k3y-0001' });
    const second = secretsOf({ DOCKERCLOUD_APIKEY: 'other-s3cret-9999' });
    expect(scrubSecrets('first-k3y-0001 other-s3cret-9999', first)).toBe('*** other-s3cret-9999');
    expect(scrubSecrets('first-k3y-0001 other-s3cret-9999', second)).toBe('first-k3y-0001 ***');
    expect(scrubSecrets('first-k3y-0001 other-s3cret-9999', [...first, ...second])).toBe('*** ***');
  });

  it('let no form of an environment credential through, however the text quotes it (property)', () => {
    fc.assert(
      fc.property(users, apiKeys(), schemes, fc.constantFrom('APIKEY', 'PASS', 'AUTH'), fc.nat(40), (user, key, scheme, variable, cut) => {
        const trimmed = key.trim();
        fc.pre(trimmed.length >= 12);
        const env =
          variable === 'AUTH'
            ? { DOCKERCLOUD_AUTH: cut % 2 === 0 ? `${scheme} ${trimmed}` : basicAuthorization(user, trimmed) }
            : { DOCKERCLOUD_USER: user, [`DOCKERCLOUD_${variable}`]: trimmed };
        const secrets = secretsOf(env);
        const basic = basicAuthorization(user, trimmed).slice(6);
        const quoted = [trimmed, encodeURIComponent(trimmed), JSON.stringify(trimmed), basic, `${scheme} ${trimmed}`.slice(cut)];
        const out = scrubSecrets(`server said: ${quoted.join(' | ')}`, secrets);
        expectNoLeak(out, variable === 'AUTH' && cut % 2 === 0 ? [trimmed] : [trimmed, basic]);
      }),
      { numRuns: 200 },
    );
  });
});
