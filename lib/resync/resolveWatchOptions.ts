import { asyncScheduler, type Observable } from 'rxjs';
import { basicAuthorization } from '../credentials/basicAuthorization.js';
import { createScrubber } from '../credentials/createScrubber.js';
import { credentialForms } from '../credentials/credentialForms.js';
import { redactUrl } from '../credentials/redactUrl.js';
import { StreamOptionsError } from '../errors/StreamOptionsError.js';
import type { CloudEvent } from '../model/CloudEvent.js';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import { isResourceType } from '../model/isResourceType.js';
import { RESOURCE_TYPES, SECTION_OF, wordsOf } from '../model/vocabulary.js';
import type { ResourceType } from '../model/ResourceType.js';
import { checkOption } from '../options/checkOption.js';
import { describeValue } from '../options/describeValue.js';
import type { OptionCheck, OptionShape } from '../options/OptionCheck.js';
import { resolveRetry } from '../stream/resolveRetry.js';
import type { StreamAuth, StreamOptions } from '../stream/StreamOptions.js';
import { RESOURCE_URIS, STREAM_OPTIONS } from '../stream/streamOptionsShape.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';
import type { EngineConfig } from './resyncEngine.js';
import type { RestTarget } from './listResources.js';
import type { RestFetch } from './RestFetch.js';
import type { WatchOptions } from './WatchOptions.js';
import type { WatchStatus } from './WatchStatus.js';

/** What an entry point (browser or Node) provides to a watch. */
export interface WatchPlatform {
  /** Its `streamEvents`, which validates and applies the stream options. */
  readonly streamEvents: (options: StreamOptions) => Observable<CloudEvent>;
  /** The `fetch` to use when the options name none. */
  readonly fetch: RestFetch | undefined;
}

/** The options of a watch that are not the stream's. */
const WATCH_ONLY = ['kinds', 'parents', 'parentParam', 'restUrl', 'fetch', 'pageSize', 'listTimeout', 'bufferLimit', 'status'] as const;

const DEFAULT_REST_HOST = { dockercloud: 'https://cloud.docker.com', tutum: 'https://dashboard.tutum.co' } as const;
/** The REST hosts of the stream hosts that had one elsewhere. */
const REST_HOST_OF: Readonly<Record<string, string>> = {
  'ws.cloud.docker.com': DEFAULT_REST_HOST.dockercloud,
  'stream.tutum.co': DEFAULT_REST_HOST.tutum,
};
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

function fail(option: string, message: string): never {
  throw new StreamOptionsError(`Invalid option ${option}: ${message}`, { option });
}

const count: OptionCheck = (v, path, fail) => {
  if (!(Number.isSafeInteger(v) && (v as number) >= 1)) fail(path, `expected a whole number >= 1, got ${describeValue(v)}`);
};

/** The options of a watch: the stream's, but its `filter` (made from `kinds` and `parents`), and its own. */
const { filter: _filter, ...COMMON_OPTIONS } = STREAM_OPTIONS;
const WATCH_OPTIONS: OptionShape = {
  ...COMMON_OPTIONS,
  kinds: (v, path, fail) => {
    if (!Array.isArray(v) || v.length === 0) fail(path, `expected a non-empty array of resource types, got ${describeValue(v)}`);
    (v as unknown[]).forEach((kind, i) => {
      if (!isResourceType(kind)) fail(`${path}[${i}]`, `expected ${wordsOf(RESOURCE_TYPES, false)}, got ${describeValue(kind)}`);
    });
  },
  parents: RESOURCE_URIS,
  parentParam: ['parent', 'parents'],
  restUrl: 'string',
  fetch: 'function',
  pageSize: count,
  listTimeout: 1,
  bufferLimit: count,
};

/**
 * The REST host when `restUrl` is not given, where the stream host says it: the same host
 * and port on loopback (the emulator serves both), Docker Cloud's or Tutum's for their
 * stream hosts (and without a stream url, the dialect's). Anywhere else it cannot be
 * guessed: the error says to set `restUrl`.
 */
function derivedRestHost(url: string | undefined, dialect: 'dockercloud' | 'tutum'): string {
  if (url === undefined) return DEFAULT_REST_HOST[dialect];
  // The stream has checked the URL already.
  const stream = new URL(url);
  if (LOOPBACK.test(stream.hostname)) return `${/^(wss|https):$/.test(stream.protocol) ? 'https' : 'http'}://${stream.host}`;
  return (
    REST_HOST_OF[stream.hostname] ??
    fail('restUrl', `not given, and the REST host of the stream host ${stream.host} is unknown: set restUrl`)
  );
}

function restBase(raw: string, allowInsecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not echoed: a mistyped URL may hold a credential.
    return fail('restUrl', 'not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('restUrl', `expected an http:// or https:// URL, got ${url.protocol}`);
  if (url.username !== '' || url.password !== '') fail('restUrl', 'credentials belong in options.auth, not in the URL');
  if (url.search !== '') fail('restUrl', 'expected no query: credentials belong in options.auth');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !allowInsecure) {
    fail('restUrl', `refusing unencrypted http:// to ${url.hostname}, which is not loopback: use https://, or set allowInsecure`);
  }
  url.hash = '';
  return url;
}

function listPath(dialect: 'dockercloud' | 'tutum', namespace: string | undefined, kind: ResourceType): string {
  if (dialect === 'tutum') return `/api/v1/${kind}/`;
  const ns = namespace === undefined ? '' : `${namespace}/`;
  // Each kind under its own API section (app, infra for nodes and clusters, audit for actions).
  return `/api/${SECTION_OF[kind]}/v1/${ns}${kind}/`;
}

/**
 * Where and how REST requests go for these options: the REST host (given, or derived from the
 * stream host), the credentials as header or query, the scrubber of their every form. Shared
 * by the listings of a watch and by `resourceDetails`. Internal.
 *
 * @internal
 */
export function restTarget(
  options: Pick<WatchOptions, 'restUrl' | 'url' | 'allowInsecure' | 'fetch' | 'pageSize' | 'listTimeout' | 'auth' | 'namespace'>,
  platform: Pick<WatchPlatform, 'fetch'>,
  dialect: 'dockercloud' | 'tutum',
): RestTarget {
  const base = restBase(options.restUrl ?? derivedRestHost(options.url, dialect), options.allowInsecure === true);
  // A path in the REST URL is a prefix of the API paths (a proxy's, say).
  const prefix = base.pathname.replace(/\/+$/, '');
  const fetch = options.fetch ?? platform.fetch;
  if (typeof fetch !== 'function') fail('fetch', 'this platform has no fetch: pass options.fetch');
  const pageSize = options.pageSize ?? 100;
  const listTimeout = options.listTimeout ?? 30_000;

  // The stream has checked `auth` already; here it only decides the REST request.
  const auth: StreamAuth | undefined = options.auth === 'none' ? undefined : options.auth;
  const headers: Record<string, string> = { Accept: 'application/json' };
  const query: [string, string][] = [];
  if (auth !== undefined) {
    const where = auth.in ?? (dialect === 'tutum' ? 'query' : 'header');
    if (where === 'header')
      headers['Authorization'] = 'authorization' in auth ? auth.authorization : basicAuthorization(auth.user, auth.apiKey);
    else if ('authorization' in auth) query.push(['auth', auth.authorization]);
    else query.push(['user', auth.user], ['token', auth.apiKey]);
  }
  const scrub = createScrubber(auth === undefined ? [] : credentialForms(auth));
  const withCredentials = (url: URL): string => {
    for (const [name, value] of query) url.searchParams.set(name, value);
    return url.toString();
  };

  return {
    fetch,
    headers,
    listTimeout,
    firstPageUrl(kind) {
      const url = new URL(base.toString());
      url.pathname = prefix + listPath(dialect, options.namespace, kind);
      url.searchParams.set('limit', String(pageSize));
      return withCredentials(url);
    },
    nextPageUrl(next) {
      let url: URL;
      try {
        url = new URL(next, base);
      } catch {
        return undefined;
      }
      return url.origin === base.origin ? withCredentials(url) : undefined;
    },
    resourceUrl(uri) {
      // Only a resource URI: a server's event must not send the credentials to any other path.
      if (parseResourceUri(uri) === undefined) return undefined;
      let url: URL;
      try {
        url = new URL(uri, base);
      } catch {
        return undefined;
      }
      if (url.origin !== base.origin) return undefined;
      // A path (what events carry) is under the REST URL's prefix, as the listings are.
      if (uri.startsWith('/')) url.pathname = prefix + url.pathname;
      url.search = '';
      url.hash = '';
      return withCredentials(url);
    },
    printable: (url) => scrub(redactUrl(url)),
    scrub,
  };
}

function statusReporter(status: WatchOptions['status']): (status: WatchStatus) => void {
  if (typeof status === 'function') return status;
  if (typeof status?.next !== 'function') return () => undefined;
  const next = status.next.bind(status);
  return (s) => next(s);
}

/**
 * Checks the options of a watch (throwing a {@link StreamOptionsError} naming the first
 * invalid one, the stream's included) and resolves them into the engine's configuration.
 * Internal.
 *
 * @internal
 */
export function resolveWatchOptions(options: WatchOptions, platform: WatchPlatform): EngineConfig {
  checkOption(WATCH_OPTIONS, options, '', fail);
  const kinds = options.kinds;
  if (kinds === undefined) fail('kinds', 'expected a non-empty array of resource types');
  const uniqueKinds = [...new Set<ResourceType>(kinds)];
  const parentValues = options.parents === undefined ? [] : typeof options.parents === 'string' ? [options.parents] : options.parents;
  const parentKeys = new Set(parentValues.map((parent) => normalizeResourceUri(parent)));
  const dialect = options.dialect ?? 'dockercloud';
  const common: Record<string, unknown> = { ...options };
  for (const key of WATCH_ONLY) delete common[key];
  const parentParam = options.parentParam;
  // The Tutum stream has no server-side filters: the watch filters on its side only.
  const streamOptions: StreamOptions =
    dialect === 'tutum'
      ? common
      : {
          ...common,
          filter: {
            type: uniqueKinds,
            ...(parentValues.length > 0 ? { parent: parentValues } : {}),
            ...(parentParam !== undefined ? { parentParam } : {}),
          },
        };
  // Validates every stream option now, not at the first subscription.
  platform.streamEvents(streamOptions);
  const target = restTarget(options, platform, dialect);
  const bufferLimit = options.bufferLimit ?? 10_000;
  const report = statusReporter(options.status);
  // Listings back off as reconnections do, with the same defaults (a cap alone lowers the base).
  const retry = options.retry === false ? false : resolveRetry(options.retry, fail);
  const kindSet = new Set<string>(uniqueKinds);

  return {
    openStream: (status) => platform.streamEvents({ ...streamOptions, status }),
    kinds: uniqueKinds,
    matches: (event: ResourceEvent) =>
      kindSet.has(event.type) && (parentKeys.size === 0 || event.parents.some((parent) => parentKeys.has(normalizeResourceUri(parent)))),
    rest: target,
    retry,
    bufferLimit,
    scheduler: options.scheduler ?? asyncScheduler,
    random: options.random ?? Math.random,
    report,
  };
}
