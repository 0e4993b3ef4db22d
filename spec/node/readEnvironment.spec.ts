import { readEnvironment } from '../../lib/node/readEnvironment.js';

describe('readEnvironment', () => {
  it('reads nothing from an empty environment', () => {
    expect(readEnvironment({})).toEqual({});
  });

  it('reads the user and apiKey, the namespace and the stream host', () => {
    expect(
      readEnvironment({
        DOCKERCLOUD_USER: 'me',
        DOCKERCLOUD_APIKEY: 'k',
        DOCKERCLOUD_NAMESPACE: 'acme',
        DOCKERCLOUD_STREAM_HOST: 'wss://ws.example.com/',
      }),
    ).toEqual({ url: 'wss://ws.example.com/', namespace: 'acme', auth: { user: 'me', apiKey: 'k' } });
  });

  describe('credentials', () => {
    it('take DOCKERCLOUD_AUTH verbatim, over DOCKERCLOUD_USER and DOCKERCLOUD_APIKEY', () => {
      expect(readEnvironment({ DOCKERCLOUD_AUTH: 'TutumAccessKey abc', DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k' })).toEqual({
        auth: { authorization: 'TutumAccessKey abc' },
      });
      expect(readEnvironment({ DOCKERCLOUD_AUTH: 'Basic bWU6aw==' })).toEqual({ auth: { authorization: 'Basic bWU6aw==' } });
    });

    it('take DOCKERCLOUD_APIKEY over DOCKERCLOUD_PASS', () => {
      expect(readEnvironment({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'key', DOCKERCLOUD_PASS: 'pass' })).toEqual({
        auth: { user: 'me', apiKey: 'key' },
      });
    });

    it('fall back to DOCKERCLOUD_PASS without DOCKERCLOUD_APIKEY', () => {
      expect(readEnvironment({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_PASS: 'pass' })).toEqual({ auth: { user: 'me', apiKey: 'pass' } });
    });

    it('need both a user and a key', () => {
      expect(readEnvironment({ DOCKERCLOUD_USER: 'me' })).toEqual({});
      expect(readEnvironment({ DOCKERCLOUD_APIKEY: 'k' })).toEqual({});
      expect(readEnvironment({ DOCKERCLOUD_PASS: 'p' })).toEqual({});
    });
  });

  describe('the stream host', () => {
    it('takes DOCKERCLOUD_STREAM_HOST over DOCKERCLOUD_STREAM_URL', () => {
      expect(readEnvironment({ DOCKERCLOUD_STREAM_HOST: 'wss://host.example', DOCKERCLOUD_STREAM_URL: 'wss://url.example' })).toEqual({
        url: 'wss://host.example',
      });
    });

    it('falls back to DOCKERCLOUD_STREAM_URL', () => {
      expect(readEnvironment({ DOCKERCLOUD_STREAM_URL: 'wss://url.example' })).toEqual({ url: 'wss://url.example' });
    });
  });

  describe('blank values', () => {
    it('are ignored, so the next choice applies', () => {
      expect(
        readEnvironment({
          DOCKERCLOUD_AUTH: '   ',
          DOCKERCLOUD_USER: 'me',
          DOCKERCLOUD_APIKEY: '',
          DOCKERCLOUD_PASS: 'pass',
          DOCKERCLOUD_STREAM_HOST: '\t',
          DOCKERCLOUD_STREAM_URL: 'wss://url.example',
          DOCKERCLOUD_NAMESPACE: ' ',
        }),
      ).toEqual({ url: 'wss://url.example', auth: { user: 'me', apiKey: 'pass' } });
    });

    it('leave no setting when every choice is blank', () => {
      expect(
        readEnvironment({
          DOCKERCLOUD_AUTH: '',
          DOCKERCLOUD_USER: ' ',
          DOCKERCLOUD_APIKEY: 'k',
          DOCKERCLOUD_STREAM_HOST: '',
          DOCKERCLOUD_STREAM_URL: '  ',
          DOCKERCLOUD_NAMESPACE: '',
        }),
      ).toEqual({});
    });

    it('treat undefined like absent', () => {
      expect(readEnvironment({ DOCKERCLOUD_AUTH: undefined, DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k' })).toEqual({
        auth: { user: 'me', apiKey: 'k' },
      });
    });
  });

  it('trims the values it keeps', () => {
    expect(readEnvironment({ DOCKERCLOUD_USER: ' me ', DOCKERCLOUD_APIKEY: ' k\n', DOCKERCLOUD_NAMESPACE: ' acme ' })).toEqual({
      namespace: 'acme',
      auth: { user: 'me', apiKey: 'k' },
    });
  });

  it('ignores variables it does not know, and other prefixes', () => {
    expect(
      readEnvironment({ TUTUM_USER: 'me', TUTUM_APIKEY: 'k', DOCKERCLOUD_REST_HOST: 'https://cloud.docker.com/', HOME: '/root' }),
    ).toEqual({});
  });

  it('reads a frozen environment without changing it', () => {
    const env = Object.freeze({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k' });
    expect(readEnvironment(env)).toEqual({ auth: { user: 'me', apiKey: 'k' } });
    expect(env).toEqual({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k' });
  });

  it('prefers the user and key over DOCKERCLOUD_AUTH for the Tutum dialect, which takes only those', () => {
    const env = { DOCKERCLOUD_AUTH: 'TutumAccessKey t', DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k' };
    expect(readEnvironment(env, 'tutum')).toEqual({ auth: { user: 'me', apiKey: 'k' } });
    expect(readEnvironment(env, 'dockercloud')).toEqual({ auth: { authorization: 'TutumAccessKey t' } });
    expect(readEnvironment({ DOCKERCLOUD_AUTH: 'TutumAccessKey t' }, 'tutum')).toEqual({ auth: { authorization: 'TutumAccessKey t' } });
  });
});
