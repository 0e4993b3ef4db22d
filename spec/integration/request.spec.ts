// What a real `ws` server receives in the handshake for each option: path, query, headers.

import { uri } from '../../lib/testing/index.js';
import type { NodeStreamOptions } from '../../lib/node/streamEvents.js';
import { cleanUp, FAST, probe, startServer, type RecordedRequest, type TestServer } from './support/index.js';

jest.setTimeout(5000);
afterEach(cleanUp);

/** Connects with `options` (the server's URL unless given), waits for the open, returns the request. */
async function handshakeOf(options: Omit<NodeStreamOptions, 'url'> & { url?: (server: TestServer) => string }): Promise<RecordedRequest> {
  const server = await startServer();
  const { url, ...rest } = options;
  const p = probe({ ...FAST, ...rest, url: url === undefined ? server.url : url(server) });
  await p.until(() => p.ofKind('open').length === 1, 'the connection to open');
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

function basic(user: string, apiKey: string): string {
  return `Basic ${Buffer.from(`${user}:${apiKey}`, 'utf8').toString('base64')}`;
}

describe('the handshake request (Docker Cloud dialect)', () => {
  it('asks for /api/audit/v1/events/ with no query and no credentials by default', async () => {
    const request = await handshakeOf({});
    expect(request.pathname).toBe('/api/audit/v1/events/');
    expect(request.search).toBe('');
    expect(request.headers.authorization).toBeUndefined();
  });

  it('puts the namespace in the path', async () => {
    const request = await handshakeOf({ namespace: 'acme' });
    expect(request.path).toBe('/api/audit/v1/acme/events/');
  });

  it('appends the endpoint to a path prefix of the URL, and uses a URL naming the endpoint as it is', async () => {
    expect((await handshakeOf({ url: (s) => `${s.url}/proxy/` })).path).toBe('/proxy/api/audit/v1/events/');
    expect((await handshakeOf({ url: (s) => `${s.url}/api/audit/v1/acme/events` })).path).toBe('/api/audit/v1/acme/events');
  });

  it('reads an http:// URL as ws://', async () => {
    const request = await handshakeOf({ url: (s) => s.url.replace(/^ws:/, 'http:') });
    expect(request.pathname).toBe('/api/audit/v1/events/');
  });

  it('sends the filters as type, object and parent, several values comma-joined', async () => {
    const request = await handshakeOf({
      filter: {
        type: ['container', 'service'],
        object: uri('container', 'c1'),
        parent: [uri('service', 's1'), uri('stack', 'k1')],
      },
    });
    expect(request.pathname).toBe('/api/audit/v1/events/');
    expect(request.query).toEqual({
      type: 'container,service',
      object: '/api/app/v1/test/container/c1/',
      parent: '/api/app/v1/test/service/s1/,/api/app/v1/test/stack/k1/',
    });
  });

  it('sends the parent filter as `parents` in the Go spelling when asked', async () => {
    const request = await handshakeOf({ filter: { type: 'service', parent: [uri('stack', 'k1')], parentParam: 'parents' } });
    expect(request.query).toEqual({ type: 'service', parents: '/api/app/v1/test/stack/k1/' });
  });

  it('combines the namespace, the filters and query credentials', async () => {
    const request = await handshakeOf({ namespace: 'acme', filter: { type: 'node' }, auth: { user: 'me', apiKey: 'k-1', in: 'query' } });
    expect(request.pathname).toBe('/api/audit/v1/acme/events/');
    expect(request.query).toEqual({ type: 'node', user: 'me', token: 'k-1' });
  });
});

describe('the credentials in the handshake', () => {
  it('sends { user, apiKey } as Authorization: Basic base64(user:apiKey), and nothing in the query', async () => {
    const request = await handshakeOf({ auth: { user: 'me', apiKey: 'k3y-s3cr3t' } });
    expect(request.headers.authorization).toBe(basic('me', 'k3y-s3cr3t'));
    expect(request.headers.authorization).toBe('Basic bWU6azN5LXMzY3IzdA==');
    expect(request.search).toBe('');
  });

  it('encodes a non-ASCII user and an apiKey with a colon as UTF-8 in the Basic value', async () => {
    const request = await handshakeOf({ auth: { user: 'jürgen', apiKey: 'a:b' } });
    expect(request.headers.authorization).toBe(basic('jürgen', 'a:b'));
  });

  it('sends { authorization } verbatim in the header', async () => {
    const request = await handshakeOf({ auth: { authorization: 'TutumAccessKey abc' } });
    expect(request.headers.authorization).toBe('TutumAccessKey abc');
    expect(request.search).toBe('');
  });

  it('sends { authorization, in: query } as ?auth=, with no header', async () => {
    const request = await handshakeOf({ auth: { authorization: 'TutumAccessKey abc', in: 'query' } });
    expect(request.query).toEqual({ auth: 'TutumAccessKey abc' });
    expect(request.headers.authorization).toBeUndefined();
  });

  it('sends { user, apiKey, in: query } as ?user=&token=, with no header', async () => {
    const request = await handshakeOf({ auth: { user: 'me', apiKey: 'a&b=c d', in: 'query' } });
    expect(request.query).toEqual({ user: 'me', token: 'a&b=c d' });
    expect(request.headers.authorization).toBeUndefined();
  });
});

describe('the handshake request (Tutum dialect)', () => {
  it('asks for /v1/events?user=&token= with no header', async () => {
    const request = await handshakeOf({ dialect: 'tutum', auth: { user: 'me', apiKey: 't0ken' } });
    expect(request.pathname).toBe('/v1/events');
    expect(request.query).toEqual({ user: 'me', token: 't0ken' });
    expect(request.headers.authorization).toBeUndefined();
  });

  it('appends /v1/events to a path prefix of the URL', async () => {
    const request = await handshakeOf({ dialect: 'tutum', url: (s) => `${s.url}/legacy`, auth: { user: 'me', apiKey: 't0ken' } });
    expect(request.pathname).toBe('/legacy/v1/events');
  });
});
