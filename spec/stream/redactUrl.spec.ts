import fc from 'fast-check';
import { redactUrl } from '../../lib/stream/redactUrl.js';

describe('redactUrl', () => {
  it('replaces the Tutum token and keeps the user', () => {
    expect(redactUrl('wss://stream.tutum.co/v1/events?user=me&token=s3cr3t')).toBe('wss://stream.tutum.co/v1/events?user=me&token=***');
  });

  it('replaces the auth parameter, whatever the case of its name', () => {
    const out = redactUrl('wss://ws.cloud.docker.com/api/audit/v1/events/?AUTH=Basic%20bWU6a2V5&type=container');
    expect(out).toBe('wss://ws.cloud.docker.com/api/audit/v1/events/?AUTH=***&type=container');
    expect(out).not.toContain('bWU6a2V5');
  });

  it('replaces every known secret parameter and nothing else', () => {
    const names = ['token', 'auth', 'apikey', 'api_key', 'key', 'password', 'pass', 'secret', 'authorization'];
    const url = `wss://h.example/x?${names.map((n, i) => `${n}=v${i}`).join('&')}&user=u&type=service&object=o`;
    const parsed = new URL(redactUrl(url));
    for (const name of names) expect(parsed.searchParams.get(name)).toBe('***');
    expect(parsed.searchParams.get('user')).toBe('u');
    expect(parsed.searchParams.get('type')).toBe('service');
    expect(parsed.searchParams.get('object')).toBe('o');
  });

  it('replaces a user:password@ part', () => {
    expect(redactUrl('wss://me:hunter2@h.example/x')).toBe('wss://***@h.example/x');
    expect(redactUrl('wss://tokenonly@h.example/x')).toBe('wss://***@h.example/x');
  });

  it('leaves a URL without credentials as it is', () => {
    for (const url of ['wss://ws.cloud.docker.com/api/audit/v1/events/', 'wss://h.example/api/audit/v1/ns/events/?type=a,b&parent=%2Fapi%2F']) {
      expect(redactUrl(url)).toBe(url);
    }
  });

  it('redacts parameters of text that is not an absolute URL', () => {
    expect(redactUrl('not a url?token=abc&x=1')).toBe('not a url?token=***&x=1');
    expect(redactUrl('/v1/events?user=me&Token=abc#frag')).toBe('/v1/events?user=me&Token=***#frag');
    expect(redactUrl('GET /x?auth=TutumAccessKey%20zz&apikey=k')).toBe('GET /x?auth=***&apikey=***');
  });

  it('never lets a token value through (property)', () => {
    const value = fc.string({ minLength: 6, maxLength: 30, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.~'.split('')) });
    fc.assert(
      fc.property(value, fc.constantFrom('token', 'auth', 'apikey', 'password'), fc.boolean(), (tail, name, absolute) => {
        // The capital prefix appears nowhere else in the URL.
        const secret = `ZQ${tail}`;
        const url = `${absolute ? 'wss://h.example' : ''}/v1/events?user=someone&${name}=${secret}`;
        const out = redactUrl(url);
        expect(out).not.toContain(secret);
        expect(out).toContain(`${name}=***`);
        expect(out).toContain('user=someone');
      }),
    );
  });
});
