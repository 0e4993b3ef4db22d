import { asyncScheduler, map, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { ResourceType } from '../model/ResourceType.js';
import type { RestFetch, RestRequestInit, RestResponse } from '../resync/RestFetch.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';

/** What a {@link FakeRestApi} answers a request with: an HTTP status and body, or a network failure. */
export type FakeRestAnswer = { readonly status: number; readonly body?: unknown } | { readonly network: string };

/** One request a {@link FakeRestApi} received. */
export interface FakeRestRequest {
  readonly url: URL;
  readonly init: RestRequestInit;
}

/**
 * A Docker Cloud REST API double for `watchResources`, on the scheduler's time: inject its
 * `fetch`. It lists what the test says each kind holds, paginated by `limit` and `offset` with
 * `meta.next` as Docker Cloud did, and answers `latency` ms after each request (taking its
 * snapshot then, as a server does), with a `Date` header from its clock (`serverTime`, the
 * scheduler's by default). The test can script failures, and read every request.
 *
 * @example
 * ```ts
 * const rest = new FakeRestApi();
 * rest.setListing('container', [containerEvent('web-1', 'Running')]);
 * rest.answerNext({ status: 503 }); // the first request fails, the retry succeeds
 * const watch = watchResources({ kinds: ['container'], fetch: rest.fetch, WebSocket: server.WebSocket, url: 'ws://127.0.0.1:1', restUrl: 'http://127.0.0.1:2', auth: 'none' });
 * ```
 */
export class FakeRestApi {
  /** Every request, oldest first. */
  readonly requests: FakeRestRequest[] = [];
  /** How long each answer takes, in ms of the scheduler. Default 10. */
  latency: number;
  /** Requests aborted by the client before they were answered. */
  aborted = 0;
  /**
   * The server's clock, epoch ms, read for the `Date` header of each answer (whole seconds,
   * as HTTP dates are): by default the scheduler's `now()`; `null` sends no `Date`.
   */
  serverTime: (() => number) | null;
  /** The `fetch` to inject as `options.fetch`. */
  readonly fetch: RestFetch;
  private readonly listings = new Map<ResourceType, Record<string, unknown>[]>();
  // Fields set with `setDetails`, by normalized URI: in listings, and in `GET <resource_uri>`.
  private readonly fields = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly scripted: FakeRestAnswer[] = [];

  constructor(
    options: { readonly latency?: number; readonly scheduler?: SchedulerLike; readonly serverTime?: (() => number) | null } = {},
  ) {
    this.latency = options.latency ?? 10;
    const scheduler = options.scheduler ?? asyncScheduler;
    this.serverTime = options.serverTime === undefined ? () => scheduler.now() : options.serverTime;
    this.fetch = (url: string, init: RestRequestInit): Observable<RestResponse> => {
      const parsed = new URL(url);
      this.requests.push({ url: parsed, init });
      const scripted = this.scripted.shift();
      let answered = false;
      init.signal?.addEventListener('abort', () => {
        if (!answered) this.aborted += 1;
      });
      return timer(this.latency, scheduler).pipe(
        map((): RestResponse => {
          answered = true;
          const answer = scripted ?? this.listing(parsed);
          if ('network' in answer) throw new TypeError(answer.network);
          const date = this.serverTime === null ? null : new Date(this.serverTime()).toUTCString();
          const headers = { get: (name: string): string | null => (name.toLowerCase() === 'date' ? date : null) };
          return { status: answer.status, headers, json: () => answer.body };
        }),
      );
    };
  }

  /** Sets what `kind` lists from now on: one object per event (its uuid, URI, state, type and parents). */
  setListing(kind: ResourceType, resources: readonly ResourceEvent[]): void {
    this.listings.set(
      kind,
      resources.map((event) => ({
        uuid: event.resource_uri.split('/').filter(Boolean).pop(),
        resource_uri: event.resource_uri,
        state: event.state ?? null,
        type: event.type,
        parents: [...event.parents],
      })),
    );
  }

  /**
   * Sets the REST fields of one resource (`name`, `image_name`…): they are added to its object
   * in listings, and `GET` of its `resource_uri` answers them (with its listed fields, if it is
   * listed); a resource neither listed nor set answers 404.
   *
   * @example
   * ```ts
   * rest.setDetails(uri('service', 'web'), { name: 'web', image_name: 'nginx:1.25' });
   * ```
   */
  setDetails(resourceUri: string, fields: Readonly<Record<string, unknown>>): void {
    this.fields.set(normalizeResourceUri(resourceUri), { ...fields });
  }

  /** Answers the next requests with these, one each, in order, before listing again. */
  answerNext(...answers: FakeRestAnswer[]): void {
    this.scripted.push(...answers);
  }

  private listing(url: URL): FakeRestAnswer {
    const segments = url.pathname.split('/').filter(Boolean);
    // `GET <resource_uri>`: the path names a resource, not a kind.
    if (parseResourceUri(url.pathname) !== undefined) {
      const key = normalizeResourceUri(url.pathname);
      const listed = [...this.listings.values()].flat().find((object) => normalizeResourceUri(String(object['resource_uri'])) === key);
      const fields = this.fields.get(key);
      if (listed === undefined && fields === undefined) return { status: 404, body: { error: 'Not found' } };
      return { status: 200, body: { resource_uri: url.pathname, ...listed, ...fields } };
    }
    const all = this.listings.get(segments[segments.length - 1] as ResourceType) ?? [];
    const limit = Number(url.searchParams.get('limit') ?? 25) || 100;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const next = new URL(url.toString());
    next.searchParams.set('offset', String(offset + limit));
    return {
      status: 200,
      body: {
        meta: {
          limit,
          offset,
          total_count: all.length,
          previous: null,
          next: offset + limit < all.length ? `${next.pathname}${next.search}` : null,
        },
        objects: all
          .slice(offset, offset + limit)
          .map((object) => ({ ...object, ...this.fields.get(normalizeResourceUri(String(object['resource_uri']))) })),
      },
    };
  }
}
