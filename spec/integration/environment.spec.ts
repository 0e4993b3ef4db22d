// The DOCKERCLOUD_* environment variables, applied by the Node `streamEvents` when the options
// leave a setting out, as a real server sees them.

import { isStreamOptionsError } from '../../lib/errors/StreamOptionsError.js';
import { streamEvents, type NodeStreamOptions } from '../../lib/node/streamEvents.js';
import type { Environment } from '../../lib/node/readEnvironment.js';
import { cleanUp, FAST, probe, sleep, startServer, type RecordedRequest, type TestServer } from './support/index.js';

jest.setTimeout(5000);
afterEach(cleanUp);

function basic(user: string, apiKey: string): string {
  return `Basic ${Buffer.from(`${user}:${apiKey}`, 'utf8').toString('base64')}`;
}

/** Connects with `options` and `env`, waits for the open, returns the request `server` received. */
async function requestWith(server: TestServer, env: Environment | undefined, options: NodeStreamOptions = {}): Promise<RecordedRequest> {
  const p = probe({ ...FAST, ...options, env });
  await p.until(() => p.ofKind('open').length === 1, 'the connection to open');
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

describe('the environment, when the options leave settings out', () => {
  it('takes the host, namespace, user and apiKey from DOCKERCLOUD_STREAM_HOST, _NAMESPACE, _USER, _APIKEY', async () => {
    const server = await startServer();
    const request = await requestWith(server, {
      DOCKERCLOUD_STREAM_HOST: server.url,
      DOCKERCLOUD_NAMESPACE: 'envns',
      DOCKERCLOUD_USER: 'envuser',
      DOCKERCLOUD_APIKEY: 'env-key-1',
    });
    expect(request.path).toBe('/api/audit/v1/envns/events/');
    expect(request.headers.authorization).toBe(basic('envuser', 'env-key-1'));
  });

  it('takes the key from DOCKERCLOUD_PASS when DOCKERCLOUD_APIKEY is absent', async () => {
    const server = await startServer();
    const request = await requestWith(server, {
      DOCKERCLOUD_STREAM_HOST: server.url,
      DOCKERCLOUD_USER: 'u',
      DOCKERCLOUD_PASS: 'env-pass-1',
    });
    expect(request.headers.authorization).toBe(basic('u', 'env-pass-1'));
  });

  it('prefers DOCKERCLOUD_APIKEY to DOCKERCLOUD_PASS', async () => {
    const server = await startServer();
    const request = await requestWith(server, {
      DOCKERCLOUD_STREAM_HOST: server.url,
      DOCKERCLOUD_USER: 'u',
      DOCKERCLOUD_APIKEY: 'env-key-2',
      DOCKERCLOUD_PASS: 'env-pass-2',
    });
    expect(request.headers.authorization).toBe(basic('u', 'env-key-2'));
  });

  it('sends DOCKERCLOUD_AUTH verbatim, in preference to DOCKERCLOUD_USER and _APIKEY', async () => {
    const server = await startServer();
    const request = await requestWith(server, {
      DOCKERCLOUD_STREAM_HOST: server.url,
      DOCKERCLOUD_AUTH: 'TutumAccessKey env-token-3',
      DOCKERCLOUD_USER: 'u',
      DOCKERCLOUD_APIKEY: 'env-key-3',
    });
    expect(request.headers.authorization).toBe('TutumAccessKey env-token-3');
    expect(request.search).toBe('');
  });

  it('takes the host from DOCKERCLOUD_STREAM_URL when DOCKERCLOUD_STREAM_HOST is absent', async () => {
    const server = await startServer();
    const request = await requestWith(server, { DOCKERCLOUD_STREAM_URL: server.url });
    expect(request.path).toBe('/api/audit/v1/events/');
  });

  it('prefers DOCKERCLOUD_STREAM_HOST to DOCKERCLOUD_STREAM_URL', async () => {
    const host = await startServer();
    const other = await startServer();
    await requestWith(host, { DOCKERCLOUD_STREAM_HOST: host.url, DOCKERCLOUD_STREAM_URL: other.url });
    expect(other.requests).toHaveLength(0);
  });

  it('ignores blank variables', async () => {
    const server = await startServer();
    const request = await requestWith(server, {
      DOCKERCLOUD_STREAM_HOST: '  ',
      DOCKERCLOUD_STREAM_URL: server.url,
      DOCKERCLOUD_NAMESPACE: ' ',
      DOCKERCLOUD_AUTH: '',
      DOCKERCLOUD_USER: 'u',
      DOCKERCLOUD_APIKEY: '\t',
      DOCKERCLOUD_PASS: 'env-pass-4',
    });
    expect(request.path).toBe('/api/audit/v1/events/');
    expect(request.headers.authorization).toBe(basic('u', 'env-pass-4'));
  });

  it('refuses at the call when DOCKERCLOUD_USER has no key, and dials nothing', async () => {
    const server = await startServer();
    expect(() => streamEvents({ env: { DOCKERCLOUD_STREAM_HOST: server.url, DOCKERCLOUD_USER: 'u' } })).toThrow(
      expect.objectContaining({ name: 'StreamOptionsError', option: 'auth' }),
    );
    await sleep(50);
    expect(server.requests).toHaveLength(0);
  });

  it('uses an environment URL that names the endpoint as it is', async () => {
    const server = await startServer();
    const request = await requestWith(server, { DOCKERCLOUD_STREAM_HOST: `${server.url}/api/audit/v1/acme/events/` });
    expect(request.path).toBe('/api/audit/v1/acme/events/');
  });

  it('puts the environment credentials in the query for the Tutum dialect', async () => {
    const server = await startServer();
    const request = await requestWith(
      server,
      { DOCKERCLOUD_STREAM_HOST: server.url, DOCKERCLOUD_USER: 'u', DOCKERCLOUD_APIKEY: 'env-key-5' },
      { dialect: 'tutum' },
    );
    expect(request.pathname).toBe('/v1/events');
    expect(request.query).toEqual({ user: 'u', token: 'env-key-5' });
    expect(request.headers.authorization).toBeUndefined();
  });

  it('reads process.env when no env is given', async () => {
    const server = await startServer();
    const names = ['DOCKERCLOUD_STREAM_HOST', 'DOCKERCLOUD_NAMESPACE', 'DOCKERCLOUD_AUTH'] as const;
    const saved = names.map((name) => process.env[name]);
    process.env['DOCKERCLOUD_STREAM_HOST'] = server.url;
    process.env['DOCKERCLOUD_NAMESPACE'] = 'procns';
    process.env['DOCKERCLOUD_AUTH'] = 'Basic cHJvYzpwcm9jLWtleQ==';
    try {
      const request = await requestWith(server, undefined);
      expect(request.path).toBe('/api/audit/v1/procns/events/');
      expect(request.headers.authorization).toBe('Basic cHJvYzpwcm9jLWtleQ==');
    } finally {
      names.forEach((name, i) => {
        const value = saved[i];
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      });
    }
  });
});

describe('the options, over the environment', () => {
  it('win for the URL, the namespace and the credentials', async () => {
    const chosen = await startServer();
    const fromEnv = await startServer();
    const request = await requestWith(
      chosen,
      {
        DOCKERCLOUD_STREAM_HOST: fromEnv.url,
        DOCKERCLOUD_NAMESPACE: 'envns',
        DOCKERCLOUD_AUTH: 'TutumAccessKey env-token-6',
        DOCKERCLOUD_USER: 'envuser',
        DOCKERCLOUD_APIKEY: 'env-key-6',
      },
      { url: chosen.url, namespace: 'optns', auth: { user: 'optuser', apiKey: 'opt-key-6' } },
    );
    expect(request.path).toBe('/api/audit/v1/optns/events/');
    expect(request.headers.authorization).toBe(basic('optuser', 'opt-key-6'));
    await sleep(50);
    expect(fromEnv.requests).toHaveLength(0);
  });

  it('win for the credentials even when their place differs (query over an environment header)', async () => {
    const server = await startServer();
    const request = await requestWith(
      server,
      { DOCKERCLOUD_STREAM_HOST: server.url, DOCKERCLOUD_AUTH: 'TutumAccessKey env-token-7' },
      { auth: { user: 'optuser', apiKey: 'opt-key-7', in: 'query' } },
    );
    expect(request.headers.authorization).toBeUndefined();
    expect(request.query).toEqual({ user: 'optuser', token: 'opt-key-7' });
  });

  it('mix with the environment: the options URL with the environment namespace and credentials', async () => {
    const server = await startServer();
    const request = await requestWith(
      server,
      {
        DOCKERCLOUD_STREAM_HOST: 'ws://127.0.0.1:9/',
        DOCKERCLOUD_NAMESPACE: 'envns',
        DOCKERCLOUD_USER: 'u',
        DOCKERCLOUD_APIKEY: 'env-key-8',
      },
      { url: server.url },
    );
    expect(request.path).toBe('/api/audit/v1/envns/events/');
    expect(request.headers.authorization).toBe(basic('u', 'env-key-8'));
  });

  // An explicit URL that names the endpoint wins over the environment's namespace, as every
  // other option does; only a namespace given in the options conflicts with it.
  it('use an options URL that names the endpoint as it is, despite DOCKERCLOUD_NAMESPACE', async () => {
    const server = await startServer();
    let thrown: unknown;
    try {
      streamEvents({ env: { DOCKERCLOUD_NAMESPACE: 'envns' }, url: `${server.url}/api/audit/v1/acme/events/`, auth: 'none', retry: false });
    } catch (error) {
      thrown = error;
    }
    expect(isStreamOptionsError(thrown) ? thrown.message : thrown).toBeUndefined();
    const request = await requestWith(server, { DOCKERCLOUD_NAMESPACE: 'envns' }, { url: `${server.url}/api/audit/v1/acme/events/` });
    expect(request.path).toBe('/api/audit/v1/acme/events/');
  });
});
