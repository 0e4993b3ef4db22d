import type { SchedulerLike } from 'rxjs';
import { asyncScheduler } from 'rxjs';
import { StreamOptionsError } from '../errors/StreamOptionsError.js';
import { isResourceType } from '../model/isResourceType.js';
import { checkOption } from '../options/checkOption.js';
import { resolveRetry } from './resolveRetry.js';
import type { FilterValue, RetryOptions, StreamOptions } from './StreamOptions.js';
import { STREAM_OPTIONS } from './streamOptionsShape.js';
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
  throw new StreamOptionsError(`Invalid option ${option}: ${message}`, { option });
}

// The schema has checked the values: here they are only trimmed and comma-joined.
function joinValues(value: FilterValue | undefined): string | undefined {
  return value === undefined ? undefined : (typeof value === 'string' ? [value] : value).map((v) => v.trim()).join(',');
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
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') fail('url', `expected ws(s):// or http(s)://, got ${url.protocol}`);
  if (url.username !== '' || url.password !== '') fail('url', 'credentials belong in auth, not in the URL');
  url.hash = '';
  return url;
}

/**
 * Applies the defaults, validates every option, and works out the URL and headers of the
 * handshake. Throws a {@link StreamOptionsError} naming the first invalid option.
 */
export function resolveStreamOptions(options: StreamOptions, platform: StreamPlatform): ResolvedStreamOptions {
  checkOption(STREAM_OPTIONS, options, '', fail);
  const dialect = options.dialect ?? 'dockercloud';
  if (options.auth === undefined) {
    // Better now than a 401 on every attempt, or a silent dial of a host that is gone.
    fail('auth', `no credentials: set auth, or 'none'${options.url === undefined ? `; and a url: ${DEFAULT_HOST[dialect]} is gone` : ''}`);
  }

  const WebSocket = options.WebSocket ?? platform.WebSocket;
  if (typeof WebSocket !== 'function') {
    fail('WebSocket', 'no WebSocket on this platform: pass one, or use dockercloud-rx/node');
  }
  const sendsHeaders = options.WebSocket !== undefined || platform.sendsHeaders;

  const url = baseUrl(options.url ?? DEFAULT_HOST[dialect]);
  if (url.protocol === 'ws:' && !LOOPBACK.test(url.hostname) && options.allowInsecure !== true) {
    fail('url', `unencrypted ws:// to ${url.hostname}, not loopback: use wss://, or set allowInsecure`);
  }

  const namespace = options.namespace;
  const endpoint = dialect === 'tutum' ? '/v1/events' : `/api/audit/v1/${namespace === undefined ? '' : `${namespace}/`}events/`;
  if (/\/events\/?$/.test(url.pathname)) {
    if (namespace !== undefined) fail('namespace', 'the url already names the endpoint: put the namespace in it');
  } else {
    url.pathname = url.pathname.replace(/\/+$/, '') + endpoint;
  }

  const params = url.searchParams;
  const filter = options.filter;
  if (filter !== undefined) {
    if (dialect === 'tutum') fail('filter', 'Tutum has no server-side filters: use the operators');
    const type = joinValues(filter.type);
    for (const t of filter.allowUnknownTypes === true || type === undefined ? [] : type.split(',')) {
      if (!isResourceType(t)) fail('filter.type', `unknown type "${t}" (or set allowUnknownTypes)`);
    }
    const entries: [string, string | undefined][] = [
      ['type', type],
      ['object', joinValues(filter.object)],
      [filter.parentParam ?? 'parent', joinValues(filter.parent)],
    ];
    for (const [name, value] of entries) if (value !== undefined) params.set(name, value);
  }

  const auth = options.auth === 'none' ? undefined : options.auth;
  let headers: Record<string, string> | undefined;
  if (auth !== undefined) {
    const where = auth.in ?? (dialect === 'tutum' ? 'query' : 'header');
    if (dialect === 'tutum') {
      if (where !== 'query') fail('auth.in', 'Tutum takes credentials in the query only');
      if (!('user' in auth)) fail('auth', 'Tutum needs { user, apiKey }');
    }
    if (where === 'header') {
      if (!sendsHeaders) {
        fail('auth.in', 'this WebSocket cannot send headers: set auth.in to "query", or use dockercloud-rx/node');
      }
      headers = { Authorization: 'authorization' in auth ? auth.authorization : basicAuthorization(auth.user, auth.apiKey) };
    } else if ('authorization' in auth) {
      params.set('auth', auth.authorization);
    } else {
      params.set('user', auth.user);
      params.set('token', auth.apiKey);
    }
  }

  const r = options.retry;
  const retry: ResolvedStreamOptions['retry'] =
    r === false ? false : { ...resolveRetry(r, fail), resetAfter: r?.resetAfter ?? 60_000, minInterval: r?.minInterval ?? 1000 };

  const status = options.status;
  let report: (status: StreamStatus) => void = () => undefined;
  if (typeof status === 'function') report = status;
  else if (typeof status?.next === 'function') {
    const next = status.next.bind(status);
    report = (s) => next(s);
  }

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
    connectTimeout: options.connectTimeout ?? 20_000,
    idleTimeout: options.idleTimeout ?? 30_000,
    pongTimeout: options.pongTimeout ?? 15_000,
    maxMessageSize: Math.floor(options.maxMessageSize ?? 1024 * 1024),
    strict: options.strict === true,
    report,
    scheduler: options.scheduler ?? asyncScheduler,
    random: options.random ?? Math.random,
  };
}
