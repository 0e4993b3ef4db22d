import type { SchedulerLike } from 'rxjs';
import { asyncScheduler } from 'rxjs';
import { StreamOptionsError } from '../errors/StreamOptionsError.js';
import type { FilterValue, RetryOptions, StreamAuth, StreamOptions } from './StreamOptions.js';
import type { StreamStatus } from './StreamStatus.js';
import type { WebSocketConstructor } from './WebSocketLike.js';
import { basicAuthorization } from '../credentials/basicAuthorization.js';
import { createScrubber } from '../credentials/createScrubber.js';
import { credentialForms } from '../credentials/credentialForms.js';
import { redactUrl } from '../credentials/redactUrl.js';

/** What the platform entry point (browser or Node) provides. */
export interface StreamPlatform {
  /** The WebSocket to use when the options name none. */
  readonly WebSocket: WebSocketConstructor | undefined;
  /** Whether that default WebSocket can send handshake headers (Node's `ws` can, browsers cannot). */
  readonly sendsHeaders: boolean;
}

/** Every option with its default applied, checked, and the request worked out. */
export interface ResolvedStreamOptions {
  readonly url: string;
  readonly printableUrl: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly WebSocket: WebSocketConstructor;
  readonly dialect: 'dockercloud' | 'tutum';
  readonly retry: false | Required<RetryOptions>;
  /** Every form of the credentials (see `credentialForms`); empty without credentials. */
  readonly secrets: readonly string[];
  /**
   * `text` with the handshake URL replaced by its printable form and every credential form,
   * and every long fragment of one, replaced by `***` (see `createScrubber`): the one scrub
   * applied to every text the stream reports.
   */
  readonly scrub: (text: string) => string;
  readonly connectTimeout: number;
  readonly idleTimeout: number;
  readonly pongTimeout: number;
  readonly maxMessageSize: number;
  readonly strict: boolean;
  readonly report: (status: StreamStatus) => void;
  readonly scheduler: SchedulerLike;
  readonly random: () => number;
}

const DEFAULT_HOST = { dockercloud: 'wss://ws.cloud.docker.com', tutum: 'wss://stream.tutum.co' } as const;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

function fail(option: string, message: string): never {
  throw new StreamOptionsError(option, message);
}

function checkTime(option: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    fail(option, `expected a finite number of milliseconds >= ${min}, got ${String(value)}`);
  }
  return value;
}

function joinValues(option: string, value: FilterValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const values = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || v.trim() === '')) {
    fail(option, 'expected a non-empty string or a non-empty array of non-empty strings');
  }
  return values.map((v) => v.trim()).join(',');
}

function checkAuth(auth: StreamAuth | undefined): StreamAuth | undefined {
  if (auth === undefined) return undefined;
  if (typeof auth !== 'object' || auth === null) fail('auth', 'expected { user, apiKey } or { authorization }');
  if (auth.in !== undefined && auth.in !== 'header' && auth.in !== 'query') {
    fail('auth.in', `expected "header" or "query", got ${JSON.stringify(auth.in)}`);
  }
  if ('authorization' in auth) {
    if (typeof auth.authorization !== 'string' || auth.authorization.trim() === '') {
      fail('auth.authorization', 'expected a non-empty header value');
    }
    return auth;
  }
  if (typeof auth.user !== 'string' || auth.user === '') fail('auth.user', 'expected a non-empty string');
  if (typeof auth.apiKey !== 'string' || auth.apiKey === '') fail('auth.apiKey', 'expected a non-empty string');
  return auth;
}

function baseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The option's value is not echoed: a mistyped URL may hold a credential.
    return fail('url', 'not a valid absolute URL');
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') fail('url', `expected a ws://, wss://, http:// or https:// URL, got ${url.protocol}`);
  if (url.username !== '' || url.password !== '') fail('url', 'credentials belong in options.auth, not in the URL');
  url.hash = '';
  return url;
}

/**
 * Applies the defaults, validates every option, and works out the URL and headers of the
 * handshake. Throws a {@link StreamOptionsError} naming the first invalid option.
 */
export function resolveStreamOptions(options: StreamOptions, platform: StreamPlatform): ResolvedStreamOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'expected an object');
  const dialect = options.dialect ?? 'dockercloud';
  if (dialect !== 'dockercloud' && dialect !== 'tutum') fail('dialect', `expected "dockercloud" or "tutum", got ${JSON.stringify(dialect)}`);

  const WebSocket = options.WebSocket ?? platform.WebSocket;
  if (typeof WebSocket !== 'function') {
    fail('WebSocket', 'this platform has no WebSocket: pass options.WebSocket, or import streamEvents from "dockercloud-rx/node"');
  }
  const sendsHeaders = options.WebSocket !== undefined || platform.sendsHeaders;

  const url = baseUrl(options.url ?? DEFAULT_HOST[dialect]);
  if (url.protocol === 'ws:' && !LOOPBACK.test(url.hostname) && options.allowInsecure !== true) {
    fail('url', `refusing unencrypted ws:// to ${url.hostname}, which is not loopback: use wss://, or set allowInsecure`);
  }

  const namespace = options.namespace;
  if (namespace !== undefined && (typeof namespace !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(namespace))) {
    fail('namespace', 'expected a user or organisation name (letters, digits, "_", ".", "-")');
  }
  const endpoint = dialect === 'tutum' ? '/v1/events' : `/api/audit/v1/${namespace === undefined ? '' : `${namespace}/`}events/`;
  if (/\/events\/?$/.test(url.pathname)) {
    if (namespace !== undefined) fail('namespace', 'the URL already names the events endpoint; put the namespace in it or drop the path');
  } else {
    url.pathname = url.pathname.replace(/\/+$/, '') + endpoint;
  }

  const params = url.searchParams;
  const filter = options.filter;
  if (filter !== undefined) {
    if (dialect === 'tutum') fail('filter', 'the Tutum stream has no server-side filters: filter with the operators instead');
    const parentParam = filter.parentParam ?? 'parent';
    if (parentParam !== 'parent' && parentParam !== 'parents') fail('filter.parentParam', 'expected "parent" or "parents"');
    const entries: [string, string | undefined][] = [
      ['type', joinValues('filter.type', filter.type)],
      ['object', joinValues('filter.object', filter.object)],
      [parentParam, joinValues('filter.parent', filter.parent)],
    ];
    for (const [name, value] of entries) if (value !== undefined) params.set(name, value);
  }

  const auth = checkAuth(options.auth);
  let headers: Record<string, string> | undefined;
  if (auth !== undefined) {
    const where = auth.in ?? (dialect === 'tutum' ? 'query' : 'header');
    if (dialect === 'tutum') {
      if (where !== 'query') fail('auth.in', 'the Tutum stream takes credentials in the query only');
      if (!('user' in auth)) fail('auth', 'the Tutum stream needs { user, apiKey }');
    }
    if (where === 'header') {
      if (!sendsHeaders) {
        fail('auth.in', 'this WebSocket cannot send headers (browsers cannot): choose auth.in = "query", or use dockercloud-rx/node');
      }
      headers = { Authorization: 'authorization' in auth ? auth.authorization : basicAuthorization(auth.user, auth.apiKey) };
    } else if ('authorization' in auth) {
      params.set('auth', auth.authorization);
    } else {
      params.set('user', auth.user);
      params.set('token', auth.apiKey);
    }
  }

  let retry: ResolvedStreamOptions['retry'] = false;
  if (options.retry !== false) {
    const r = options.retry ?? {};
    const baseDelay = checkTime('retry.baseDelay', r.baseDelay, 1000);
    const maxDelay = checkTime('retry.maxDelay', r.maxDelay, 30_000);
    if (maxDelay < baseDelay) fail('retry.maxDelay', `must not be below retry.baseDelay (${baseDelay})`);
    const maxAttempts = r.maxAttempts ?? Infinity;
    if (maxAttempts !== Infinity && (!Number.isInteger(maxAttempts) || maxAttempts < 1)) {
      fail('retry.maxAttempts', `expected a whole number >= 1 or Infinity, got ${String(maxAttempts)}`);
    }
    retry = {
      baseDelay,
      maxDelay,
      maxAttempts,
      resetAfter: checkTime('retry.resetAfter', r.resetAfter, 60_000, 0),
      minInterval: checkTime('retry.minInterval', r.minInterval, 1000, 0),
    };
  }

  const maxMessageSize = checkTime('maxMessageSize', options.maxMessageSize, 1024 * 1024);
  const status = options.status;
  let report: (status: StreamStatus) => void = () => undefined;
  if (typeof status === 'function') report = status;
  else if (status !== undefined && status !== null) {
    if (typeof status !== 'object') fail('status', 'expected an observer or a function');
    if (typeof status.next === 'function') {
      const next = status.next.bind(status);
      report = (s) => next(s);
    }
  }
  const random = options.random ?? Math.random;
  if (typeof random !== 'function') fail('random', 'expected a function returning a number in [0, 1)');

  const href = url.toString();
  const printableUrl = redactUrl(href);
  const secrets = auth === undefined ? [] : credentialForms(auth);
  const scrubSecrets = createScrubber(secrets);
  const scrub = (text: string): string => scrubSecrets(text.split(href).join(printableUrl));
  return {
    url: href,
    printableUrl,
    headers,
    secrets,
    scrub,
    WebSocket,
    dialect,
    retry,
    connectTimeout: checkTime('connectTimeout', options.connectTimeout, 20_000),
    idleTimeout: checkTime('idleTimeout', options.idleTimeout, 30_000),
    pongTimeout: checkTime('pongTimeout', options.pongTimeout, 15_000),
    maxMessageSize: Math.floor(maxMessageSize),
    strict: options.strict === true,
    report,
    scheduler: options.scheduler ?? asyncScheduler,
    random,
  };
}
