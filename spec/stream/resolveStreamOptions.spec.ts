import { asyncScheduler } from 'rxjs';
import { StreamOptionsError } from '../../lib/errors/StreamOptionsError.js';
import { resolveStreamOptions, type StreamPlatform } from '../../lib/stream/resolveStreamOptions.js';
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import { FakeWebSocketServer } from '../../lib/testing/FakeWebSocket.js';
import { exposedText, expectNoSecret } from './support/harness.js';

const server = new FakeWebSocketServer();
/** A platform like Node's: a default WebSocket that sends headers. */
const node: StreamPlatform = { WebSocket: server.WebSocket, sendsHeaders: true };
/** A platform like a browser's: a default WebSocket that cannot send headers. */
const browser: StreamPlatform = { WebSocket: server.WebSocket, sendsHeaders: false };

const API_KEY = 'k3y-S3CRET-0001';
const AUTHORIZATION = 'TutumAccessKey tok-S3CRET-0002';
const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`, 'utf8').toString('base64')}`;

/** Resolves `options`, without credentials unless they name some (`auth: 'none'`: a proxy adds them). */
const resolve = (options: StreamOptions, platform: StreamPlatform = node) => resolveStreamOptions({ auth: 'none', ...options }, platform);
const query = (url: string) => Object.fromEntries(new URL(url).searchParams);
const path = (url: string) => new URL(url).pathname;

describe('resolveStreamOptions: defaults', () => {
  it('applies every documented default', () => {
    const r = resolve({});
    expect(r.url).toBe('wss://ws.cloud.docker.com/api/audit/v1/events/');
    expect(r.printableUrl).toBe(r.url);
    expect(r.headers).toBeUndefined();
    expect(r.dialect).toBe('dockercloud');
    expect(r.retry).toEqual({ baseDelay: 1000, maxDelay: 30_000, maxAttempts: Infinity, resetAfter: 60_000, minInterval: 1000 });
    expect(r.connectTimeout).toBe(20_000);
    expect(r.idleTimeout).toBe(30_000);
    expect(r.pongTimeout).toBe(15_000);
    expect(r.maxMessageSize).toBe(1024 * 1024);
    expect(r.strict).toBe(false);
    expect(r.scheduler).toBe(asyncScheduler);
    expect(r.random).toBe(Math.random);
    expect(r.WebSocket).toBe(server.WebSocket);
    expect(r.secrets).toEqual([]);
  });

  it('keeps given retry options and fills in the rest', () => {
    expect(resolve({ retry: { baseDelay: 200, maxDelay: 5000 } }).retry).toEqual({
      baseDelay: 200,
      maxDelay: 5000,
      maxAttempts: Infinity,
      resetAfter: 60_000,
      minInterval: 1000,
    });
    expect(resolve({ retry: { maxAttempts: 3, resetAfter: 0, minInterval: 0 } }).retry).toEqual({
      baseDelay: 1000,
      maxDelay: 30_000,
      maxAttempts: 3,
      resetAfter: 0,
      minInterval: 0,
    });
    expect(resolve({ retry: false }).retry).toBe(false);
  });

  it('prefers the injected WebSocket and scheduler', () => {
    const other = new FakeWebSocketServer().WebSocket;
    const r = resolve({ WebSocket: other, scheduler: asyncScheduler, strict: true, maxMessageSize: 100.7 });
    expect(r.WebSocket).toBe(other);
    expect(r.strict).toBe(true);
    expect(r.maxMessageSize).toBe(100);
  });

  it('reports through a function, an observer, or nowhere', () => {
    const seen: string[] = [];
    resolve({ status: (s) => seen.push(`fn:${s.kind}`) }).report({
      kind: 'authenticated',
      counters: { connections: 1, reconnects: 0, events: 0, rejected: 0 },
    });
    const observer = {
      prefix: 'obs',
      next(this: { prefix: string }, s: { kind: string }) {
        seen.push(`${this.prefix}:${s.kind}`);
      },
    };
    resolve({ status: observer }).report({ kind: 'closed', counters: { connections: 0, reconnects: 0, events: 0, rejected: 0 } });
    expect(() =>
      resolve({ status: { error: () => undefined } }).report({
        kind: 'closed',
        counters: { connections: 0, reconnects: 0, events: 0, rejected: 0 },
      }),
    ).not.toThrow();
    expect(seen).toEqual(['fn:authenticated', 'obs:closed']);
  });
});

describe('resolveStreamOptions: the Docker Cloud request', () => {
  it('builds /api/audit/v1/[ns/]events/ on the default host', () => {
    expect(resolve({ namespace: 'myorg' }).url).toBe('wss://ws.cloud.docker.com/api/audit/v1/myorg/events/');
    expect(resolve({ namespace: 'my.org_2-x' }).url).toBe('wss://ws.cloud.docker.com/api/audit/v1/my.org_2-x/events/');
  });

  it('appends the endpoint to a host or a path prefix, reading http(s) as ws(s)', () => {
    expect(resolve({ url: 'wss://stream.example.com' }).url).toBe('wss://stream.example.com/api/audit/v1/events/');
    expect(resolve({ url: 'https://stream.example.com/proxy/' }).url).toBe('wss://stream.example.com/proxy/api/audit/v1/events/');
    expect(resolve({ url: 'https://stream.example.com/proxy//', namespace: 'ns' }).url).toBe(
      'wss://stream.example.com/proxy/api/audit/v1/ns/events/',
    );
    expect(resolve({ url: 'http://localhost:8080' }).url).toBe('ws://localhost:8080/api/audit/v1/events/');
    expect(resolve({ url: 'wss://stream.example.com:8443/#frag' }).url).toBe('wss://stream.example.com:8443/api/audit/v1/events/');
  });

  it('uses a URL that already names the events endpoint as it is, with or without the slash', () => {
    expect(resolve({ url: 'wss://h.example/api/audit/v1/ns/events' }).url).toBe('wss://h.example/api/audit/v1/ns/events');
    expect(resolve({ url: 'wss://h.example/api/audit/v1/events/' }).url).toBe('wss://h.example/api/audit/v1/events/');
    expect(resolve({ url: 'wss://h.example/api/audit/v1/events/?type=stack' }).url).toBe('wss://h.example/api/audit/v1/events/?type=stack');
  });

  it('allows ws:// to loopback, and elsewhere only with allowInsecure', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'LOCALHOST']) {
      expect(resolve({ url: `ws://${host}:9000` }).url.startsWith('ws://')).toBe(true);
    }
    expect(resolve({ url: 'ws://events.internal', allowInsecure: true }).url).toBe('ws://events.internal/api/audit/v1/events/');
    expect(resolve({ url: 'http://events.internal', allowInsecure: true }).url).toBe('ws://events.internal/api/audit/v1/events/');
  });

  it('comma-joins the values of each filter, trimmed', () => {
    const service = '/api/app/v1/ns/service/5bcf/';
    const stack = '/api/app/v1/ns/stack/9a/';
    const r = resolve({ filter: { type: ['container', ' service '], object: '/api/app/v1/ns/container/0b0e/', parent: [service, stack] } });
    expect(path(r.url)).toBe('/api/audit/v1/events/');
    expect(query(r.url)).toEqual({ type: 'container,service', object: '/api/app/v1/ns/container/0b0e/', parent: `${service},${stack}` });
  });

  it('names the parent filter "parents" as the Go client did, when asked', () => {
    const [a, b] = ['/api/app/v1/ns/stack/1/', '/api/app/v1/ns/service/2/'];
    const r = resolve({ filter: { parent: [a, b], parentParam: 'parents' } });
    expect(query(r.url)).toEqual({ parents: `${a},${b}` });
    expect(query(resolve({ filter: { parentParam: 'parents' } }).url)).toEqual({});
  });

  it('sends { user, apiKey } as a Basic header by default', () => {
    const r = resolve({ auth: { user: 'me', apiKey: API_KEY } });
    expect(r.headers).toEqual({ Authorization: basic('me', API_KEY) });
    expect(r.url).toBe('wss://ws.cloud.docker.com/api/audit/v1/events/');
    expect(r.scrub(`sent ${basic('me', API_KEY)} for ${API_KEY}`)).toBe('sent Basic *** for ***');
  });

  it('encodes the Basic credentials as UTF-8', () => {
    const r = resolve({ auth: { user: 'jörg', apiKey: 'clé-✓' } });
    expect(r.headers).toEqual({ Authorization: basic('jörg', 'clé-✓') });
    expect(Buffer.from(r.headers!['Authorization']!.slice('Basic '.length), 'base64').toString('utf8')).toBe('jörg:clé-✓');
  });

  it('sends { authorization } verbatim', () => {
    const scrubbed = ['TutumAccessKey ***', 'ApiKey ***', 'Basic ***'];
    [AUTHORIZATION, 'ApiKey me:abc', basic('u', 'p')].forEach((value, i) => {
      const r = resolve({ auth: { authorization: value, in: 'header' } });
      expect(r.headers).toEqual({ Authorization: value });
      expect(r.scrub(value)).toBe(scrubbed[i]);
    });
  });

  it('puts credentials in the query when asked: auth= or user=&token=', () => {
    const a = resolve({ auth: { authorization: AUTHORIZATION, in: 'query' } }, browser);
    expect(a.headers).toBeUndefined();
    expect(query(a.url)).toEqual({ auth: AUTHORIZATION });
    expect(a.printableUrl).toBe('wss://ws.cloud.docker.com/api/audit/v1/events/?auth=***');

    const u = resolve({ auth: { user: 'me', apiKey: API_KEY, in: 'query' }, filter: { type: 'node' } }, browser);
    expect(u.headers).toBeUndefined();
    expect(query(u.url)).toEqual({ type: 'node', user: 'me', token: API_KEY });
    expect(u.printableUrl).toBe('wss://ws.cloud.docker.com/api/audit/v1/events/?type=node&user=***&token=***');
    // The URL- and form-encoded forms of a secret are scrubbed too.
    expect(a.scrub(`${AUTHORIZATION} ${encodeURIComponent(AUTHORIZATION)} TutumAccessKey+tok-S3CRET-0002`)).toBe(
      'TutumAccessKey *** TutumAccessKey%20*** TutumAccessKey+***',
    );
  });

  it('accepts header auth on a header-less platform when a WebSocket is injected', () => {
    const r = resolve({ auth: { user: 'me', apiKey: API_KEY }, WebSocket: server.WebSocket }, browser);
    expect(r.headers).toEqual({ Authorization: basic('me', API_KEY) });
  });
});

describe('resolveStreamOptions: the Tutum request', () => {
  it('builds /v1/events on stream.tutum.co with user and token in the query', () => {
    const r = resolve({ dialect: 'tutum', auth: { user: 'me', apiKey: API_KEY } }, browser);
    expect(r.dialect).toBe('tutum');
    expect(r.url).toBe(`wss://stream.tutum.co/v1/events?user=me&token=${API_KEY}`);
    expect(r.printableUrl).toBe('wss://stream.tutum.co/v1/events?user=***&token=***');
    expect(r.headers).toBeUndefined();
  });

  it('appends /v1/events to another host, and takes an events URL as it is', () => {
    expect(resolve({ dialect: 'tutum', url: 'ws://localhost:1234' }).url).toBe('ws://localhost:1234/v1/events');
    expect(resolve({ dialect: 'tutum', url: 'wss://h.example/v1/events/' }).url).toBe('wss://h.example/v1/events/');
  });
});

/** Every invalid option, with a credential beside it that the error must not echo. */
const invalid: readonly [string, StreamOptions, string][] = [
  ['a URL that does not parse', { url: `wss//h.example/?token=${API_KEY}` }, 'url'],
  ['a relative URL', { url: '/api/audit/v1/events/' }, 'url'],
  ['an ftp: URL', { url: 'ftp://h.example/' }, 'url'],
  ['a file: URL', { url: 'file:///tmp/x' }, 'url'],
  ['ws:// to a host that is not loopback', { url: 'ws://ws.cloud.docker.com' }, 'url'],
  ['http:// to a host that is not loopback', { url: 'http://10.0.0.5:8080' }, 'url'],
  ['ws:// to a lookalike of localhost', { url: 'ws://localhost.evil.example' }, 'url'],
  ['credentials in the URL', { url: `wss://me:${API_KEY}@h.example/` }, 'url'],
  ['a user in the URL', { url: `wss://${API_KEY}@h.example/` }, 'url'],
  ['a namespace with a slash', { namespace: 'a/b' }, 'namespace'],
  ['an empty namespace', { namespace: '' }, 'namespace'],
  ['a namespace with a query', { namespace: 'ns?x=1' }, 'namespace'],
  ['a namespace and an events URL', { namespace: 'ns', url: 'wss://h.example/api/audit/v1/other/events/' }, 'namespace'],
  ['an unknown dialect', { dialect: 'swarm' as 'tutum' }, 'dialect'],
  ['a filter on the Tutum stream', { dialect: 'tutum', filter: { type: 'container' } }, 'filter'],
  ['an empty type filter', { filter: { type: [] } }, 'filter.type'],
  ['an empty object filter', { filter: { object: '' } }, 'filter.object'],
  ['a blank parent filter value', { filter: { parent: ['/api/app/v1/ns/stack/1/', '  '] } }, 'filter.parent[1]'],
  ['a filter value that is not a string', { filter: { type: [1 as unknown as string] } }, 'filter.type[0]'],
  [
    'an unknown parent parameter',
    { filter: { parent: '/api/app/v1/ns/stack/1/', parentParam: 'parent_uri' as 'parent' } },
    'filter.parentParam',
  ],
  ['auth that is not an object', { auth: API_KEY as unknown as StreamOptions['auth'] }, 'auth'],
  ['auth.in elsewhere', { auth: { user: 'me', apiKey: API_KEY, in: 'cookie' as 'query' } }, 'auth.in'],
  ['an empty user', { auth: { user: '', apiKey: API_KEY } }, 'auth.user'],
  ['an empty apiKey', { auth: { user: 'me', apiKey: '' } }, 'auth.apiKey'],
  ['a blank authorization', { auth: { authorization: '   ' } }, 'auth.authorization'],
  ['Tutum with header auth', { dialect: 'tutum', auth: { user: 'me', apiKey: API_KEY, in: 'header' } }, 'auth.in'],
  ['Tutum with a verbatim authorization', { dialect: 'tutum', auth: { authorization: AUTHORIZATION, in: 'query' } }, 'auth'],
  ['a zero connectTimeout', { connectTimeout: 0 }, 'connectTimeout'],
  ['a negative idleTimeout', { idleTimeout: -5 }, 'idleTimeout'],
  ['a NaN pongTimeout', { pongTimeout: Number.NaN }, 'pongTimeout'],
  ['an infinite connectTimeout', { connectTimeout: Infinity }, 'connectTimeout'],
  ['a string maxMessageSize', { maxMessageSize: '1000' as unknown as number }, 'maxMessageSize'],
  ['a zero maxMessageSize', { maxMessageSize: 0 }, 'maxMessageSize'],
  ['a zero baseDelay', { retry: { baseDelay: 0 } }, 'retry.baseDelay'],
  ['a NaN maxDelay', { retry: { maxDelay: Number.NaN } }, 'retry.maxDelay'],
  ['maxDelay below baseDelay', { retry: { baseDelay: 5000, maxDelay: 4999 } }, 'retry.maxDelay'],
  ['maxAttempts 0', { retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
  ['a fractional maxAttempts', { retry: { maxAttempts: 2.5 } }, 'retry.maxAttempts'],
  ['a NaN maxAttempts', { retry: { maxAttempts: Number.NaN } }, 'retry.maxAttempts'],
  ['a negative resetAfter', { retry: { resetAfter: -1 } }, 'retry.resetAfter'],
  ['an infinite minInterval', { retry: { minInterval: Infinity } }, 'retry.minInterval'],
  ['a status that is neither observer nor function', { status: 'log' as unknown as StreamOptions['status'] }, 'status'],
  ['a random that is not a function', { random: 0.5 as unknown as () => number }, 'random'],
];

describe('StreamOptionsError', () => {
  const fake = new FakeWebSocketServer();

  it.each(invalid)('is thrown by streamEvents(...) at once for %s', (_name, options, option) => {
    const secretOptions: StreamOptions = { WebSocket: fake.WebSocket, auth: { user: 'me', apiKey: API_KEY }, ...options };
    let thrown: unknown;
    try {
      streamEvents(secretOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StreamOptionsError);
    const error = thrown as StreamOptionsError;
    expect(error.name).toBe('StreamOptionsError');
    expect(error.option).toBe(option);
    expect(error.message.startsWith(`Invalid option ${option}: `)).toBe(true);
    expectNoSecret(exposedText(error), [API_KEY, AUTHORIZATION, basic('me', API_KEY)]);
    // Nothing was attempted.
    expect(fake.sockets).toHaveLength(0);
  });

  it('accepts the boundary values of numbers', () => {
    expect(() =>
      resolve({
        retry: { baseDelay: 1000, maxDelay: 1000, maxAttempts: 1, resetAfter: 0, minInterval: 0 },
        connectTimeout: 1,
        idleTimeout: 1,
        pongTimeout: 1,
        maxMessageSize: 1,
      }),
    ).not.toThrow();
    expect(() => resolve({ retry: { maxAttempts: Infinity } })).not.toThrow();
  });

  it('refuses header auth when the platform WebSocket cannot send headers and none is injected', () => {
    const globals = globalThis as { WebSocket?: unknown };
    const before = globals.WebSocket;
    globals.WebSocket = fake.WebSocket;
    try {
      let thrown: unknown;
      try {
        streamEvents({ auth: { user: 'me', apiKey: API_KEY } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(StreamOptionsError);
      expect((thrown as StreamOptionsError).option).toBe('auth.in');
      expectNoSecret(exposedText(thrown), [API_KEY, basic('me', API_KEY)]);
      expect(() => streamEvents({ auth: { authorization: AUTHORIZATION } })).toThrow(expect.objectContaining({ option: 'auth.in' }));
      // Query auth and an injected WebSocket are fine.
      expect(() => streamEvents({ auth: { user: 'me', apiKey: API_KEY, in: 'query' } })).not.toThrow();
      expect(() => streamEvents({ auth: { user: 'me', apiKey: API_KEY }, WebSocket: fake.WebSocket })).not.toThrow();
    } finally {
      if (before === undefined) delete globals.WebSocket;
      else globals.WebSocket = before;
    }
    expect(fake.sockets).toHaveLength(0);
  });

  it('asks for a WebSocket on a platform that has none', () => {
    const globals = globalThis as { WebSocket?: unknown };
    const before = globals.WebSocket;
    delete globals.WebSocket;
    try {
      expect(() => streamEvents({ auth: 'none' })).toThrow(expect.objectContaining({ name: 'StreamOptionsError', option: 'WebSocket' }));
    } finally {
      if (before !== undefined) globals.WebSocket = before;
    }
  });

  it('rejects options that are not an object', () => {
    expect(() => streamEvents(null as unknown as StreamOptions)).toThrow(expect.objectContaining({ option: 'options' }));
  });
});

describe('resolveStreamOptions: the credentials it scrubs', () => {
  it('knows each credential whole, URL-encoded, and the secret part of a header value alone', () => {
    const fromUser = resolveStreamOptions({ url: 'ws://127.0.0.1:1', auth: { user: 'me', apiKey: 'k3y/with+chars' } }, node);
    const header = `Basic ${Buffer.from('me:k3y/with+chars').toString('base64')}`;
    expect(fromUser.secrets).toEqual(expect.arrayContaining([header.slice(6), 'k3y/with+chars', encodeURIComponent('k3y/with+chars')]));
    expect(fromUser.scrub(`${header} | ${encodeURIComponent('k3y/with+chars')} | me`)).toBe('Basic *** | *** | me');
    const token = resolveStreamOptions(
      { url: 'ws://127.0.0.1:1', auth: { authorization: 'TutumAccessKey 0123456789abcdef', in: 'query' } },
      node,
    );
    expect(token.secrets).toEqual(expect.arrayContaining(['0123456789abcdef']));
    expect(token.scrub('auth=TutumAccessKey+0123456789abcdef, cut at 0123456789')).toBe('auth=TutumAccessKey+***, cut at ***');
  });
});

/** The error `resolveStreamOptions` throws for `options` (with a WebSocket and credentials unless they name theirs). */
function refusal(options: StreamOptions, platform: StreamPlatform = node): StreamOptionsError {
  try {
    resolveStreamOptions({ auth: { user: 'me', apiKey: API_KEY }, ...options }, platform);
  } catch (error) {
    if (error instanceof StreamOptionsError) {
      expectNoSecret(exposedText(error), [API_KEY, AUTHORIZATION, basic('me', API_KEY)]);
      return error;
    }
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
}

describe('resolveStreamOptions: one schema, checked at the call', () => {
  it('refuses an unknown key, and names the one most likely meant', () => {
    expect(refusal({ URL: 'wss://h.example' } as StreamOptions).message).toBe('Invalid option URL: not an option (did you mean url?)');
    expect(refusal({ retry: { maxAttempt: 3 } } as StreamOptions).message).toBe(
      'Invalid option retry.maxAttempt: not an option (did you mean retry.maxAttempts?)',
    );
    expect(refusal({ filter: { types: 'node' } } as StreamOptions).option).toBe('filter.types');
    expect(refusal({ filter: { types: 'node' } } as StreamOptions).message).toMatch(/did you mean filter\.type\?/);
    expect(refusal({ auth: { user: 'me', apikey: API_KEY } } as unknown as StreamOptions).message).toBe(
      'Invalid option auth.apikey: not an option (did you mean auth.apiKey?)',
    );
    expect(refusal({ colour: true } as StreamOptions).message).toBe('Invalid option colour: not an option');
  });

  it('says the type of a value of the wrong type', () => {
    expect(refusal({ connectTimeout: '100' as unknown as number }).message).toBe(
      'Invalid option connectTimeout: expected a number from 1 to 2147483647, got a string "100"',
    );
    expect(refusal({ strict: 'yes' as unknown as boolean }).message).toBe('Invalid option strict: expected a boolean, got a string "yes"');
    expect(refusal({ retry: true as unknown as false }).message).toBe('Invalid option retry: expected an object, got a boolean true');
    expect(refusal({ dialect: 'Tutum' as 'tutum' }).message).toBe(
      'Invalid option dialect: expected "dockercloud" or "tutum", got a string "Tutum"',
    );
  });

  it('never shows the value of a credential, even a wrong one', () => {
    const error = refusal({ auth: { user: 'me', apiKey: 123456789 as unknown as string } });
    expect(error.message).toBe('Invalid option auth.apiKey: expected a string matching /^[^\\0-\\x1f\\x7f]+$/, got a number');
    expect(refusal({ auth: { user: 'me', apiKey: `${API_KEY}\n` } }).message).not.toContain(API_KEY);
  });

  it('bounds every time to what a timer holds: 0 (or 1) to 2^31 - 1 ms', () => {
    const max = 2 ** 31 - 1;
    expect(() =>
      resolve({
        connectTimeout: max,
        idleTimeout: max,
        pongTimeout: max,
        retry: { baseDelay: max, maxDelay: max, resetAfter: max, minInterval: max },
      }),
    ).not.toThrow();
    for (const option of ['connectTimeout', 'idleTimeout', 'pongTimeout'] as const) {
      expect(refusal({ [option]: max + 1 }).option).toBe(option);
    }
    for (const option of ['baseDelay', 'maxDelay', 'resetAfter', 'minInterval'] as const) {
      expect(refusal({ retry: { [option]: max + 1 } }).option).toBe(`retry.${option}`);
    }
    expect(resolve({ retry: { resetAfter: 0, minInterval: 0 } }).retry).toEqual(expect.objectContaining({ resetAfter: 0, minInterval: 0 }));
  });

  it('lowers the base with a cap given alone, raises the cap with a base given alone, and refuses only both crossed', () => {
    expect(resolve({ retry: { maxDelay: 200 } }).retry).toEqual(expect.objectContaining({ baseDelay: 200, maxDelay: 200 }));
    expect(resolve({ retry: { baseDelay: 45_000 } }).retry).toEqual(expect.objectContaining({ baseDelay: 45_000, maxDelay: 45_000 }));
    expect(resolve({ retry: { baseDelay: 500 } }).retry).toEqual(expect.objectContaining({ baseDelay: 500, maxDelay: 30_000 }));
    expect(refusal({ retry: { baseDelay: 300, maxDelay: 200 } }).option).toBe('retry.maxDelay');
  });

  it('reads a namespace as a user or organisation name, never as a path', () => {
    for (const ok of ['acme', 'my.org_2-x', 'a..b', '.hidden', 'x'])
      expect(path(resolve({ namespace: ok }).url)).toBe(`/api/audit/v1/${ok}/events/`);
    for (const bad of ['.', '..', 'a/b', '../x', 'ns?x=1', 'ns#x', 'a%2Fb', 'a b', ' ns', 'ns\n', 'ns\u0007', 'ns\u001b[2J', 'é', '']) {
      expect(refusal({ namespace: bad }).option).toBe('namespace');
    }
  });

  it('refuses a user with ":" and any credential with a control character (CR, LF...)', () => {
    expect(refusal({ auth: { user: 'me:you', apiKey: API_KEY } }).option).toBe('auth.user');
    expect(refusal({ auth: { user: 'me\r\nX-Evil: 1', apiKey: API_KEY } }).option).toBe('auth.user');
    expect(refusal({ auth: { user: 'me', apiKey: `${API_KEY}\r\nX-Evil: 1` } }).option).toBe('auth.apiKey');
    expect(refusal({ auth: { authorization: `${AUTHORIZATION}\r\nX-Evil: 1` } }).option).toBe('auth.authorization');
    expect(refusal({ auth: { authorization: `${AUTHORIZATION}\u0000` } }).option).toBe('auth.authorization');
    expect(refusal({ auth: { authorization: `\t${AUTHORIZATION}` } }).option).toBe('auth.authorization');
    expect(refusal({ auth: { user: 'me' } as unknown as StreamOptions['auth'] }).message).toBe(
      "Invalid option auth: expected { user, apiKey }, { authorization } or 'none'",
    );
    expect(refusal({ auth: { user: 'me', apiKey: API_KEY, authorization: AUTHORIZATION } }).option).toBe('auth');
    // Spaces inside a value are fine: a header value has some.
    expect(resolve({ auth: { authorization: AUTHORIZATION } }).headers).toEqual({ Authorization: AUTHORIZATION });
  });

  it('accepts known event types only, unless allowUnknownTypes', () => {
    const error = refusal({ filter: { type: ['container', 'containers'] } });
    expect(error.option).toBe('filter.type');
    expect(error.message).toContain('"containers"');
    expect(error.message).toContain('allowUnknownTypes');
    expect(query(resolve({ filter: { type: ['container', 'volume'], allowUnknownTypes: true } }).url)).toEqual({
      type: 'container,volume',
    });
  });

  it('accepts resource URIs in every form parseResourceUri reads for object and parent, and nothing else', () => {
    for (const uri of [
      '/api/app/v1/ns/service/5bcf/',
      '/api/app/v1/service/5bcf',
      'https://cloud.docker.com/api/app/v1/ns/stack/9a/',
      '/api/v1/container/0b0e/',
      '/api/audit/v1/action/77/',
    ]) {
      expect(query(resolve({ filter: { object: uri, parent: [uri] } }).url)).toEqual({ object: uri.trim(), parent: uri.trim() });
    }
    for (const bad of ['/a/', 'service', '/api/app/v1/ns/volume/1/', '/api/app/v1/ns/service/', 'https://evil.example/']) {
      expect(refusal({ filter: { object: bad } }).option).toBe('filter.object');
      expect(refusal({ filter: { parent: ['/api/app/v1/ns/stack/1/', bad] } }).option).toBe('filter.parent[1]');
    }
  });

  it('refuses to start without credentials, and says the default host is gone when no url is given', () => {
    const bare = (options: StreamOptions): StreamOptionsError => {
      try {
        resolveStreamOptions(options, node);
      } catch (error) {
        return error as StreamOptionsError;
      }
      throw new Error('accepted');
    };
    const withoutUrl = bare({});
    expect(withoutUrl.option).toBe('auth');
    expect(withoutUrl.message).toMatch(/^Invalid option auth: no credentials/);
    expect(withoutUrl.message).toContain('wss://ws.cloud.docker.com is gone');
    expect(bare({ dialect: 'tutum' }).message).toContain('wss://stream.tutum.co is gone');
    const withUrl = bare({ url: 'ws://127.0.0.1:8080' });
    expect(withUrl.option).toBe('auth');
    expect(withUrl.message).not.toContain('gone');
    // 'none' is the explicit way to send no credentials, for a proxy that adds them.
    const open = resolveStreamOptions({ url: 'ws://127.0.0.1:8080', auth: 'none' }, node);
    expect(open.headers).toBeUndefined();
    expect(query(open.url)).toEqual({});
  });
});
