// The life of a details cache, on virtual time against FakeRestApi: fetched once per resource,
// concurrent askers coalesced, refreshed when an event says it matters, forgotten at the end of
// life or past its bound, failures backed off then given up with typed errors; events never wait.
import { asyncScheduler, Subject, type Observable } from 'rxjs';
import { createDetailsCache } from '../../lib/details/createDetailsCache.js';
import type { DetailsOptions } from '../../lib/details/DetailsOptions.js';
import type { DetailsStatus } from '../../lib/details/DetailsStatus.js';
import { AuthError } from '../../lib/errors/AuthError.js';
import { isRestError, RestError } from '../../lib/errors/RestError.js';
import { isStreamOptionsError } from '../../lib/errors/StreamOptionsError.js';
import type { CloudEvent, ResourceEvent } from '../../lib/index.js';
import { containerEvent, createEventTestScheduler, FakeRestApi, serviceEvent, uri } from '../../lib/testing/index.js';
import { at } from '../resync/support.js';

const WEB = uri('service', 'web');
const SHOP = uri('stack', 'shop');

interface Harness {
  readonly rest: FakeRestApi;
  readonly events: Subject<CloudEvent>;
  readonly statuses: DetailsStatus[];
  readonly cache: ReturnType<typeof createDetailsCache>;
  /** What went through `follow()`, as `[virtual time, resource id]`. */
  readonly passed: [number, string][];
  readonly followed: Observable<CloudEvent>;
  /** The requests made so far, as `path` (no query). */
  requested(): string[];
  /** When each request was made, in virtual ms. */
  readonly requestTimes: number[];
}

function harness(now: () => number, options: Partial<DetailsOptions> = {}): Harness {
  const rest = new FakeRestApi();
  const statuses: DetailsStatus[] = [];
  const requestTimes: number[] = [];
  const cache = createDetailsCache({
    restUrl: 'http://127.0.0.1:2',
    auth: { user: 'tester', apiKey: 'fake-api-key-0000' },
    fetch: (url, init) => {
      requestTimes.push(now());
      return rest.fetch(url, init);
    },
    random: () => 0.5,
    status: (status) => statuses.push(status),
    ...options,
  });
  const events = new Subject<CloudEvent>();
  const passed: [number, string][] = [];
  const followed = events.pipe(cache.follow());
  return {
    rest,
    events,
    statuses,
    cache,
    passed,
    followed,
    requested: () => rest.requests.map((request) => request.url.pathname),
    requestTimes,
  };
}

function subscribeAll(h: Harness, now: () => number, errors: unknown[] = []): void {
  h.followed.subscribe({
    next: (event) => h.passed.push([now(), (event as ResourceEvent).resource_uri.split('/').filter(Boolean).pop()!]),
    error: (error: unknown) => errors.push(error),
  });
}

describe('createDetailsCache: the life of a resource', () => {
  it('lets each event through at once and fetches a resource once, however many events name it', () => {
    createEventTestScheduler().run(({ flush }) => {
      const WEB_1 = uri('container', 'web-1');
      const h = harness(() => 0, { parents: false });
      h.rest.setDetails(WEB_1, { name: 'web-1', image_name: 'nginx:1.25' });
      subscribeAll(h, () => 0);
      const known: boolean[] = [];
      at(0, () => {
        h.events.next(containerEvent('web-1', 'Starting', { action: 'create' }));
        // Not known yet: the event went on, its details follow.
        known.push(h.cache.get(WEB_1) !== undefined);
      });
      at(5, () => h.events.next(containerEvent('web-1', 'Running')));
      at(50, () => {
        h.events.next(containerEvent('web-1', 'Running'));
        known.push(h.cache.get(WEB_1) !== undefined);
      });
      flush();
      expect(h.passed.map(([, id]) => id)).toEqual(['web-1', 'web-1', 'web-1']);
      expect(known).toEqual([false, true]);
      // One request, whatever came after it.
      expect(h.requested()).toEqual(['/api/app/v1/test/container/web-1/']);
      expect(h.cache.get(WEB_1)).toMatchObject({ name: 'web-1', image_name: 'nginx:1.25' });
    });
  });

  it('coalesces concurrent askers of one resource into one request, and tells each of them', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0);
      h.rest.setDetails(WEB, { name: 'web-front' });
      subscribeAll(h, () => 0);
      const seen: string[] = [];
      h.cache.updates.subscribe((d) => seen.push(`updates:${String(d.name)}`));
      at(0, () => {
        h.cache.details(WEB).subscribe((d) => seen.push(`a:${String(d.name)}`));
        h.events.next(containerEvent('web-1', 'Starting', { parents: [WEB] }));
        // Another form of the same URI: the same resource.
        h.cache.details(`https://cloud.docker.com${WEB.slice(0, -1)}`).subscribe((d) => seen.push(`b:${String(d.name)}`));
        h.events.next(serviceEvent('web', 'Starting'));
      });
      flush();
      const webRequests = h.requested().filter((path) => path.includes('/service/'));
      expect(webRequests).toEqual(['/api/app/v1/test/service/web/']);
      expect(seen).toEqual(['a:web-front', 'b:web-front', 'updates:web-front']);
    });
  });

  it('fetches again when an event says it matters (a redeploy that settles), not on a plain transition', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0);
      h.rest.setDetails(WEB, { name: 'web', image_name: 'nginx:1.24' });
      subscribeAll(h, () => 0);
      const images: string[] = [];
      at(0, () => h.events.next(serviceEvent('web', 'Running')));
      at(20, () => h.cache.details(WEB).subscribe((d) => images.push(String(d.image_name))));
      at(30, () => h.events.next(serviceEvent('web', 'Redeploying')));
      at(40, () => h.rest.setDetails(WEB, { name: 'web', image_name: 'nginx:1.25' }));
      at(50, () => h.events.next(serviceEvent('web', 'Running')));
      // A container's transitions never refresh it.
      at(60, () => h.events.next(containerEvent('web-1', 'Starting')));
      at(70, () => h.events.next(containerEvent('web-1', 'Running')));
      flush();
      expect(h.requested()).toEqual([
        '/api/app/v1/test/service/web/',
        '/api/app/v1/test/service/web/',
        '/api/app/v1/test/container/web-1/',
      ]);
      expect(images).toEqual(['nginx:1.24', 'nginx:1.25']);
    });
  });

  it('fetches again after an answer when a refresh came while the request was in flight', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0);
      subscribeAll(h, () => 0);
      h.rest.setDetails(WEB, { image_name: 'old' });
      at(0, () => h.events.next(serviceEvent('web', 'Redeploying')));
      at(1, () => h.rest.setDetails(WEB, { image_name: 'new' }));
      // The request of t=0 answers at 10 with the fields of t=10; a refresh at 5 cannot trust it.
      at(5, () => h.events.next(serviceEvent('web', 'Running')));
      at(8, () => h.rest.setDetails(WEB, { image_name: 'newer' }));
      flush();
      expect(h.requested()).toEqual(['/api/app/v1/test/service/web/', '/api/app/v1/test/service/web/']);
      expect(h.cache.get(WEB)?.image_name).toBe('newer');
    });
  });

  it('forgets a resource at its end of life: get is undefined, details completes, an answer in flight is dropped', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0);
      h.rest.setDetails(WEB, { name: 'web' });
      subscribeAll(h, () => 0);
      const log: string[] = [];
      at(0, () => h.events.next(serviceEvent('web', 'Running')));
      at(20, () => h.cache.details(WEB).subscribe({ next: (d) => log.push(String(d.name)), complete: () => log.push('complete') }));
      at(30, () => h.events.next(serviceEvent('web', 'Terminated')));
      at(40, () => h.events.next(containerEvent('web-2', 'Starting')));
      at(45, () => h.events.next(containerEvent('web-2', 'Terminated')));
      flush();
      expect(log).toEqual(['web', 'complete']);
      expect(h.cache.get(WEB)).toBeUndefined();
      expect(h.cache.size).toBe(0);
      // The request for web-2 was aborted when it ended.
      expect(h.rest.aborted).toBe(1);
    });
  });

  it('holds at most maxEntries resources, the least recently seen going first', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0, { maxEntries: 2, parents: false });
      for (const id of ['a', 'b', 'c']) h.rest.setDetails(uri('container', id), { name: id });
      subscribeAll(h, () => 0);
      at(0, () => h.events.next(containerEvent('a', 'Running')));
      at(20, () => h.events.next(containerEvent('b', 'Running')));
      at(30, () => h.events.next(containerEvent('a', 'Running')));
      at(40, () => h.events.next(containerEvent('c', 'Running')));
      flush();
      expect(h.cache.size).toBe(2);
      expect(h.cache.get(uri('container', 'a'))).toBeDefined();
      expect(h.cache.get(uri('container', 'b'))).toBeUndefined();
      expect(h.cache.get(uri('container', 'c'))).toBeDefined();
    });
  });

  it('fetches the parents of an event too, unless told not to, and only the kinds asked for', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0, { kinds: ['service', 'stack'] });
      h.rest.setDetails(SHOP, { name: 'shop' });
      h.rest.setDetails(WEB, { name: 'web' });
      subscribeAll(h, () => 0);
      at(0, () => h.events.next(containerEvent('web-1', 'Running', { parents: [WEB, SHOP] })));
      // Not the parents of a resource that ends: they may well have ended before it.
      at(30, () => h.events.next(containerEvent('web-9', 'Terminated', { parents: [uri('service', 'gone')] })));
      flush();
      expect(h.requested().sort()).toEqual(['/api/app/v1/test/service/web/', '/api/app/v1/test/stack/shop/']);
      expect(h.cache.get(SHOP)?.name).toBe('shop');
    });
  });
});

describe('createDetailsCache: failures', () => {
  it('backs off as the stream does (full jitter, doubling), then keeps the answer', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => asyncScheduler.now(), { retry: { baseDelay: 100, maxDelay: 1000 } });
      h.rest.setDetails(WEB, { name: 'web' });
      h.rest.answerNext({ status: 503 }, { network: 'connection reset' }, { status: 429 });
      subscribeAll(h, () => 0);
      const times: number[] = [];
      at(0, () => h.events.next(serviceEvent('web', 'Running')));
      flush();
      // Requests at 0, then 10 + 50, 70 + 100, 180 + 200 (random 0.5 of 100, 200, 400).
      for (const status of h.statuses) if (status.kind === 'retrying') times.push(status.delay);
      expect(times).toEqual([50, 100, 200]);
      expect(h.statuses.map((s) => (s.kind === 'retrying' ? `${s.attempt}:${s.error.kind}` : s.kind))).toEqual([
        '1:server',
        '2:network',
        '3:throttled',
      ]);
      expect(h.requestTimes).toEqual([0, 60, 170, 380]);
      expect(h.cache.get(WEB)?.name).toBe('web');
    });
  });

  it('gives a resource up after retry.maxAttempts with a typed RestError, and tries again at the next event', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0, { retry: { baseDelay: 10, maxAttempts: 2 } });
      h.rest.setDetails(WEB, { name: 'web' });
      h.rest.answerNext({ status: 500 }, { status: 502 });
      subscribeAll(h, () => 0);
      const errors: unknown[] = [];
      at(0, () => h.cache.details(WEB).subscribe({ error: (e: unknown) => errors.push(e) }));
      at(100, () => h.events.next(serviceEvent('web', 'Running')));
      flush();
      expect(errors).toHaveLength(1);
      const error = errors[0] as RestError;
      expect(isRestError(error)).toBe(true);
      expect({ kind: error.kind, status: error.status, attempts: error.attempts }).toEqual({ kind: 'server', status: 502, attempts: 2 });
      expect(h.statuses.map((s) => s.kind)).toEqual(['retrying', 'gave-up']);
      // The event at 100 found the resource forgotten: one more request, which succeeded.
      expect(h.rest.requests).toHaveLength(3);
      expect(h.cache.get(WEB)?.name).toBe('web');
    });
  });

  it('gives up at once on a 404 (client): no retry', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0);
      subscribeAll(h, () => 0);
      at(0, () => h.events.next(serviceEvent('gone', 'Running')));
      flush();
      expect(h.rest.requests).toHaveLength(1);
      expect(h.statuses).toHaveLength(1);
      expect(h.statuses[0]).toMatchObject({ kind: 'gave-up', error: { kind: 'client', status: 404 } });
    });
  });

  it('ends the followed events with an AuthError when REST refuses the credentials', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0);
      h.rest.answerNext({ status: 401 });
      const errors: unknown[] = [];
      subscribeAll(h, () => 0, errors);
      at(0, () => h.events.next(serviceEvent('web', 'Running')));
      flush();
      expect(h.passed).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(AuthError);
      expect(errors[0]).toMatchObject({ kind: 'rest', status: 401 });
    });
  });

  it('times a silent request out and retries it', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0, { timeout: 100, retry: { baseDelay: 10 } });
      h.rest.setDetails(WEB, { name: 'web' });
      h.rest.latency = 1000;
      subscribeAll(h, () => 0);
      at(0, () => h.events.next(serviceEvent('web', 'Running')));
      at(50, () => (h.rest.latency = 10));
      flush();
      expect(h.statuses[0]).toMatchObject({ kind: 'retrying', error: { kind: 'timeout' } });
      expect(h.cache.get(WEB)?.name).toBe('web');
    });
  });
});

describe('createDetailsCache: options and credentials', () => {
  it('checks its options with the one mechanism: a typo is a StreamOptionsError naming the option', () => {
    const attempt = (options: object) => () => createDetailsCache(options);
    expect(attempt({ restUrl: 'http://127.0.0.1:2', maxEntreis: 3 })).toThrow(/maxEntreis: not an option \(did you mean maxEntries\?\)/);
    expect(attempt({ restUrl: 'http://127.0.0.1:2', kinds: ['image'] })).toThrow(/kinds\[0\]/);
    expect(attempt({ restUrl: 'http://127.0.0.1:2', maxEntries: 0 })).toThrow(/maxEntries/);
    expect(attempt({ restUrl: 'http://example.com' })).toThrow(/unencrypted/);
    try {
      attempt({ restUrl: 'http://127.0.0.1:2', retry: { maxDelai: 1 } })();
      throw new Error('no error');
    } catch (error) {
      expect(isStreamOptionsError(error)).toBe(true);
      expect((error as { option: string }).option).toBe('retry.maxDelai');
    }
  });

  it('sends the credentials as a watch does, only to the REST origin, and never for a URI that is not a resource', () => {
    createEventTestScheduler().run(({ flush }) => {
      const h = harness(() => 0, { auth: { user: 'tester', apiKey: 'fake-api-key-0000', in: 'query' } });
      subscribeAll(h, () => 0);
      at(0, () => {
        h.events.next(serviceEvent('web', 'Running'));
        h.events.next({ ...serviceEvent('x', 'Running'), resource_uri: 'https://evil.example/api/app/v1/test/service/x/' });
        h.events.next({ ...serviceEvent('y', 'Running'), resource_uri: '/not/a/resource/' });
      });
      flush();
      expect(h.rest.requests.map((r) => `${r.url.origin}${r.url.pathname}`)).toEqual(['http://127.0.0.1:2/api/app/v1/test/service/web/']);
      expect(h.rest.requests[0]!.url.searchParams.get('token')).toBe('fake-api-key-0000');
    });
  });

  it('takes its first values from a watch: a listed resource needs no request', () => {
    createEventTestScheduler().run(({ flush }) => {
      const listed = { resource_uri: WEB, name: 'from-listing' };
      const h = harness(() => 0, { watch: { details: (u: string) => (u === WEB ? listed : undefined) } });
      subscribeAll(h, () => 0);
      at(0, () => h.events.next(serviceEvent('web', 'Running')));
      flush();
      expect(h.rest.requests).toHaveLength(0);
      expect(h.cache.get(WEB)?.name).toBe('from-listing');
    });
  });
});
