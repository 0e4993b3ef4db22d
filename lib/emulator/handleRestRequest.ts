import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessControl } from './AccessControl.js';
import { readCredentials } from './readCredentials.js';
import type { ResourceStore } from './ResourceStore.js';
import { toWorldResource } from './ResourceStore.js';
import { respondJson } from './respond.js';
import type { Route } from './routeRequest.js';

/** The default and the largest page of a listing, as Docker Cloud's API had them. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * What the REST API reads.
 *
 * @internal
 */
export interface RestContext {
  readonly store: ResourceStore;
  readonly namespace: string;
  readonly access: AccessControl;
}

function readCount(query: URLSearchParams, name: string): number | undefined | false {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : false;
}

/**
 * Answers one REST request of a known route: 405 for a method other than GET and HEAD, 426
 * for a stream path without an upgrade, 401 without valid credentials, 403 for a namespace
 * the account does not own, 400 for a bad `limit`/`offset`, 404 for a resource that is gone,
 * else the listing or the resource. The caller has dated the answer in the world's clock (`dateInWorldClock`).
 *
 * @internal
 */
export function handleRestRequest(req: IncomingMessage, res: ServerResponse, route: Route, url: URL, context: RestContext): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    respondJson(res, 405, { error: `Method ${req.method ?? ''} not allowed` }, { Allow: 'GET, HEAD' });
    return;
  }
  if (route.kind === 'stream') {
    respondJson(
      res,
      426,
      { error: 'This is the events stream: connect with a websocket' },
      { Upgrade: 'websocket', Connection: 'Upgrade' },
    );
    return;
  }
  if (context.access.check(readCredentials(req.headers.authorization, url.searchParams)) !== 'ok') {
    respondJson(res, 401, { error: 'UNAUTHORIZED' }, { 'WWW-Authenticate': 'Basic realm="Docker Cloud"' });
    return;
  }
  if (route.namespace !== undefined && route.namespace !== context.namespace) {
    respondJson(res, 403, { error: `No access to namespace ${route.namespace}` });
    return;
  }
  if (route.kind === 'get') {
    const resource = context.store.get(route.type, route.uuid);
    if (resource === undefined) respondJson(res, 404, { error: 'Not found' });
    else respondJson(res, 200, toWorldResource(resource));
    return;
  }
  const query = url.searchParams;
  const requestedLimit = readCount(query, 'limit');
  const offset = readCount(query, 'offset');
  if (requestedLimit === false || offset === false) {
    respondJson(res, 400, { error: 'limit and offset must be whole numbers >= 0' });
    return;
  }
  // As Tastypie did: limit=0 asks for the largest page, and no page is larger than MAX_LIMIT.
  const limit = requestedLimit === undefined ? DEFAULT_LIMIT : requestedLimit === 0 ? MAX_LIMIT : Math.min(requestedLimit, MAX_LIMIT);
  const start = offset ?? 0;
  const all = context.store.listed(route.type);
  const page = (at: number): string => {
    // The request's other parameters (credentials included, as Tastypie kept them), then the page.
    const params = new URLSearchParams(query);
    params.delete('limit');
    params.delete('offset');
    params.append('limit', String(limit));
    params.append('offset', String(at));
    return `${url.pathname}?${params.toString()}`;
  };
  respondJson(res, 200, {
    meta: {
      limit,
      offset: start,
      next: start + limit < all.length ? page(start + limit) : null,
      previous: start > 0 ? page(Math.max(0, start - limit)) : null,
      total_count: all.length,
    },
    objects: all.slice(start, start + limit).map(toWorldResource),
  });
}
