import { filter, map, take } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { AuthError, isAuthError, isStreamOptionsError, ofType, stateTransitions, StreamOptionsError } from '../../lib/index.js';
import { isRestError, RestError } from '../../lib/errors/RestError.js';
import { resolveWatchOptions } from '../../lib/resync/resolveWatchOptions.js';
import { watchResources } from '../../lib/resync/watchResources.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import { isSynthetic } from '../../lib/resync/WatchedEvent.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';
import { actionEvent, containerEvent, createEventTestScheduler, serviceEvent, uri } from '../../lib/testing/index.js';
import { at, label, snapshot, watchHarness } from './support.js';

/** `10:00:<s>Z` of the test day. */
const t = (s: number): string => `2016-02-01T10:00:${String(s).padStart(2, '0')}Z`;
const web = uri('service', 'web');

describe('watchResources', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  describe('list, then watch', () => {
    it('lists once the stream is open, emits every listed resource as a synthetic creation, then live events', () => {
      scheduler.run(({ expectObservable }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.setListing('container', [containerEvent('c1', 'Running'), containerEvent('c2', 'Stopped')]);
        at(10, () => h.ws.last.open()); // the listing starts now and answers 10 ms later
        at(40, () => h.send(containerEvent('c1', 'Stopping', { datetime: t(1) })));
        const events = h.watch.events.pipe(map(label));
        expectObservable(events, '^ 100ms !').toBe('20ms (ab) 16ms c', {
          a: 'create c1 Running*',
          b: 'create c2 Stopped*',
          c: 'update c1 Stopping',
        });
        expectObservable(h.watch.cache.pipe(map(snapshot)), '^ 100ms !').toBe('20ms a 19ms b', {
          a: 'c1:Running c2:Stopped',
          b: 'c1:Stopping c2:Stopped',
        });
      });
    });

    it('emits an empty cache once synced, when nothing is there', () => {
      scheduler.run(({ expectObservable }) => {
        const h = watchHarness({ kinds: ['service'] });
        at(10, () => h.ws.last.open());
        expectObservable(h.watch.cache.pipe(map((view) => view.size)), '^ 50ms !').toBe('20ms a', { a: 0 });
      });
    });

    it('reports the listing and the sync on the status channel, with the stream’s own statuses', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.setListing('container', [containerEvent('c1', 'Running')]);
        h.record(h.watch.cache, 50);
        at(10, () => h.ws.last.open());
        at(15, () => h.send(containerEvent('c2', 'Starting', { action: 'create' })));
        flush();
        expect(h.kinds()).toEqual(['open', 'listing', 'synced', 'closed']);
        expect(h.statuses.find((s) => s.kind === 'synced')).toMatchObject({
          resources: 2,
          changes: 2,
          buffered: 1,
          counters: { lists: 1, synthetic: 1 },
        });
      });
    });
  });

  describe('after a reconnect', () => {
    it('emits what changed while disconnected as synthetic creations, updates and deletions with final state unknown', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.setListing('container', [containerEvent('c1', 'Running'), containerEvent('c2', 'Running'), containerEvent('c3', 'Running')]);
        const events = h.record(h.watch.events, 2000, label);
        at(10, () => h.ws.last.open());
        at(50, () => {
          h.ws.last.serverClose(1006); // the socket drops…
          // …and while it is down, c1 stops, c2 goes away and c4 arrives.
          h.rest.setListing('container', [
            containerEvent('c1', 'Stopped'),
            containerEvent('c3', 'Running'),
            containerEvent('c4', 'Starting'),
          ]);
        });
        at(1100, () => h.ws.last.open()); // the retry starts a second after the first attempt
        flush();
        expect(events).toEqual([
          [20, 'create c1 Running*'],
          [20, 'create c2 Running*'],
          [20, 'create c3 Running*'],
          [1110, 'update c1 Stopped*'],
          [1110, 'create c4 Starting*'],
          [1110, 'delete c2 Running*?'],
        ]);
        expect(h.statuses.filter((s) => s.kind === 'listing').map((s) => (s as { reconnected: boolean }).reconnected)).toEqual([
          false,
          true,
        ]);
      });
    });

    it('applies nothing twice and nothing out of date when events arrive while the listing is in flight', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.latency = 20;
        const events = h.record(h.watch.events, 200, label);
        const views = h.record(h.watch.cache, 200, snapshot);
        at(10, () => {
          h.ws.last.open();
          // Before the snapshot: c1 Starting (the listing will show it)…
          h.send(containerEvent('c1', 'Starting', { action: 'create', datetime: t(1) }));
          h.rest.setListing('container', [containerEvent('c1', 'Starting')]);
        });
        // …after it, c1 Running and c2 created: the listing (answering at 30) misses both.
        at(25, () =>
          h.send(
            containerEvent('c1', 'Running', { datetime: t(2) }),
            containerEvent('c2', 'Starting', { action: 'create', datetime: t(2) }),
          ),
        );
        // Live, after the sync.
        at(40, () => h.send(containerEvent('c2', 'Running', { datetime: t(3) })));
        flush();
        expect(events).toEqual([
          [30, 'create c1 Starting'],
          [30, 'update c1 Running'],
          [30, 'create c2 Starting'],
          [40, 'update c2 Running'],
        ]);
        // One snapshot per reconcile, not one per change.
        expect(views).toEqual([
          [30, 'c1:Running c2:Starting'],
          [40, 'c1:Running c2:Running'],
        ]);
      });
    });

    it('keeps the events of a connection that dropped during its listing, and lists again for the next', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.latency = 50;
        h.rest.setListing('container', [containerEvent('c1', 'Running')]);
        const events = h.record(h.watch.events, 2000, label);
        at(10, () => h.ws.last.open());
        at(20, () => h.send(containerEvent('c2', 'Starting', { action: 'create', datetime: t(1) })));
        at(30, () => h.ws.last.serverClose(1006)); // the listing in flight is dropped with the socket
        at(1100, () => {
          h.rest.setListing('container', [containerEvent('c1', 'Stopped')]); // c2 ended while down
          h.ws.last.open();
        });
        flush();
        expect(h.rest.aborted).toBe(1);
        expect(events).toEqual([
          [1150, 'create c2 Starting'],
          [1150, 'create c1 Stopped*'],
          [1150, 'delete c2 Starting*?'],
        ]);
      });
    });

    it('drops and counts a live event older than the cache’s state of its resource', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        const events = h.record(h.watch.events, 100, label);
        at(10, () => h.ws.last.open());
        at(30, () => h.send(containerEvent('c1', 'Running', { datetime: t(5) }), containerEvent('c1', 'Starting', { datetime: t(4) })));
        flush();
        expect(events).toEqual([[30, 'update c1 Running']]);
        const dropped = h.statuses.filter((s): s is Extract<WatchStatus, { kind: 'dropped' }> => s.kind === 'dropped');
        expect(dropped.map((s) => [s.reason, s.event.state, s.counters.stale])).toEqual([['stale', 'Starting', 1]]);
      });
    });
  });

  describe('REST', () => {
    it('asks each page after the first one object early, from the last object listed, with the credentials in a header', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 2, namespace: 'acme', auth: { user: 'me', apiKey: 'k3y' } });
        h.rest.setListing(
          'service',
          ['a', 'b', 'c', 'd', 'e'].map((id) => serviceEvent(id, 'Running', { namespace: 'acme' })),
        );
        const views = h.record(h.watch.cache, 100, snapshot);
        at(10, () => h.ws.last.open());
        flush();
        expect(views).toEqual([[40, 'a:Running b:Running c:Running d:Running e:Running']]);
        // a b, then b c d (b again), then d e (d again).
        expect(h.rest.requests.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
          '/api/app/v1/acme/service/?limit=2',
          '/api/app/v1/acme/service/?limit=3&offset=1',
          '/api/app/v1/acme/service/?limit=3&offset=3',
        ]);
        expect(h.rest.requests[0]!.init.headers['Authorization']).toBe(`Basic ${Buffer.from('me:k3y').toString('base64')}`);
      });
    });

    it('skips no resource when one before it ends between two pages, and lists the kind once', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 1 });
        h.rest.setListing(
          'service',
          ['a', 'b', 'c'].map((id) => serviceEvent(id, 'Running')),
        );
        const views = h.record(h.watch.cache, 200, snapshot);
        at(10, () => h.ws.last.open());
        at(25, () => {
          // a ends after the first page (a, answered at 20) and before the second is answered (30):
          // offset 1 is now c, b would be skipped.
          h.send(serviceEvent('a', 'Terminated'));
          h.rest.setListing(
            'service',
            ['b', 'c'].map((id) => serviceEvent(id, 'Running')),
          );
        });
        flush();
        // The second page, asked from a's offset, does not show a: it shows b and c, both new.
        expect(h.rest.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '0']);
        expect(views).toEqual([[30, 'b:Running c:Running']]);
      });
    });

    it('asks again from lower down when a page shows no object listed yet, and lists the rest', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 2 });
        h.rest.setListing(
          'service',
          ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => serviceEvent(id, 'Running')),
        );
        const views = h.record(h.watch.cache, 200, snapshot);
        at(10, () => h.ws.last.open());
        at(25, () => {
          // a and b, the whole first page (answered at 20), end before the second is answered (30):
          // offset 1 now starts at d.
          h.send(serviceEvent('a', 'Terminated'), serviceEvent('b', 'Terminated'));
          h.rest.setListing(
            'service',
            ['c', 'd', 'e', 'f'].map((id) => serviceEvent(id, 'Running')),
          );
        });
        flush();
        // d e f: nothing known, so from offset 0: c d e; then from e's offset: e f.
        expect(h.rest.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '1', '0', '2']);
        expect(views).toEqual([[50, 'c:Running d:Running e:Running f:Running']]);
      });
    });

    it('asks for the next page as soon as a page says where it is, and reads the pages in order whenever they answer', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 2, retry: { baseDelay: 100, maxDelay: 100 } });
        h.rest.setListing(
          'service',
          ['a', 'b', 'c', 'd'].map((id) => serviceEvent(id, 'Running')),
        );
        // The first page's envelope is right, one of its objects is not: the page is tried again
        // (after its backoff), while the page after it, asked when its `next` was read, has answered.
        h.rest.answerNext({
          status: 200,
          body: {
            meta: { next: '/api/app/v1/service/?limit=2&offset=2' },
            objects: [{ resource_uri: uri('service', 'a') }, { state: 'Running' }],
          },
        });
        const views = h.record(h.watch.cache, 500, snapshot);
        at(10, () => h.ws.last.open());
        flush();
        // The first page, the one after it (b c d), the first again; the second is not asked again.
        expect(h.rest.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '1', null]);
        expect(h.statuses.filter((s) => s.kind === 'list-failed')).toHaveLength(1);
        expect(views).toEqual([[80, 'a:Running b:Running c:Running d:Running']]);
      });
    });

    it('drops the page asked ahead when it asks again from lower down', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 2 });
        h.rest.setListing(
          'service',
          ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => serviceEvent(id, 'Running')),
        );
        const views = h.record(h.watch.cache, 200, snapshot);
        at(10, () => h.ws.last.open());
        at(25, () => {
          // a and b end before the second page (asked from offset 1) is answered: it shows d e f.
          h.send(serviceEvent('a', 'Terminated'), serviceEvent('b', 'Terminated'));
          h.rest.setListing(
            'service',
            ['c', 'd', 'e', 'f', 'g', 'h'].map((id) => serviceEvent(id, 'Running')),
          );
        });
        flush();
        // d e f asked for the page after it (offset 3) at once; nothing known, so that request is
        // aborted and the listing asks from offset 0, then goes on.
        expect(h.rest.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '1', '3', '0', '2', '4']);
        expect(h.rest.aborted).toBe(1);
        expect(views).toEqual([[60, 'c:Running d:Running e:Running f:Running g:Running h:Running']]);
      });
    });

    it('goes on after the last object it knows when a newcomer comes before it, and takes the newcomer from the stream', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 2 });
        h.rest.setListing(
          'service',
          ['a', 'b', 'c', 'd'].map((id) => serviceEvent(id, 'Running')),
        );
        const views = h.record(h.watch.cache, 200, snapshot);
        at(10, () => h.ws.last.open());
        at(15, () => {
          h.send(serviceEvent('n', 'Starting', { action: 'create' }));
          h.rest.setListing(
            'service',
            ['n', 'a', 'b', 'c', 'd'].map((id) => serviceEvent(id, id === 'n' ? 'Starting' : 'Running')),
          );
        });
        flush();
        // a b c shows b again (after a): c is new; then c d.
        expect(h.rest.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '1', '3']);
        expect(views).toEqual([[40, 'a:Running b:Running c:Running d:Running n:Starting']]);
      });
    });

    it('follows a next that does not page by offset as it is', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 1 });
        const page = (id: string, next: string | null) => ({
          status: 200,
          body: { meta: { total_count: 2, next }, objects: [{ resource_uri: uri('service', id), state: 'Running' }] },
        });
        h.rest.answerNext(page('a', '/api/app/v1/service/?cursor=after-a'), page('b', null));
        const views = h.record(h.watch.cache, 200, snapshot);
        at(10, () => h.ws.last.open());
        flush();
        expect(h.rest.requests.map((r) => r.url.search)).toEqual(['?limit=1', '?cursor=after-a']);
        expect(views).toEqual([[30, 'a:Running b:Running']]);
      });
    });

    it('sends query credentials with every page, and lists actions in the audit log', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['action'], pageSize: 1, auth: { authorization: 'TutumAccessKey abc', in: 'query' } });
        h.rest.setListing('action', [actionEvent('a1', 'In progress'), actionEvent('a2', 'Pending')]);
        h.record(h.watch.cache, 100);
        at(10, () => h.ws.last.open());
        flush();
        expect(h.rest.requests.map((r) => `${r.url.pathname} ${r.url.searchParams.get('auth')}`)).toEqual([
          '/api/audit/v1/action/ TutumAccessKey abc',
          '/api/audit/v1/action/ TutumAccessKey abc',
        ]);
        expect(h.rest.requests[0]!.init.headers['Authorization']).toBeUndefined();
        expect(h.ws.last.url).toContain('auth=TutumAccessKey');
      });
    });

    it('asks the stream for the kinds and parents, and keeps only resources under the parents', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container', 'service'], parents: [web], parentParam: 'parents' });
        h.rest.setListing('container', [
          containerEvent('c1', 'Running', { parents: [web] }),
          containerEvent('c2', 'Running', { parents: [uri('service', 'db')] }),
        ]);
        const events = h.record(h.watch.events, 100, label);
        at(10, () => h.ws.last.open());
        at(30, () => h.send(containerEvent('c3', 'Starting', { parents: ['/api/v1/service/web'] }), containerEvent('c4', 'Starting')));
        flush();
        const url = new URL(h.ws.last.url);
        expect([url.searchParams.get('type'), url.searchParams.get('parents')]).toEqual(['container,service', web]);
        expect(events).toEqual([
          [20, 'create c1 Running*'],
          [30, 'update c3 Starting'],
        ]);
      });
    });

    it('lists Tutum’s resources under /api/v1/, filtering on its side only', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], dialect: 'tutum', auth: { user: 'me', apiKey: 'k3y' } });
        h.record(h.watch.cache, 100);
        at(10, () => h.ws.last.open());
        flush();
        expect(
          h.rest.requests.map((r) => `${r.url.pathname} ${r.url.searchParams.get('user')} ${r.url.searchParams.get('token')}`),
        ).toEqual(['/api/v1/service/ me k3y']);
        expect(new URL(h.ws.last.url).searchParams.get('type')).toBeNull();
      });
    });

    it('backs off failed listings as the stream backs off reconnections, then syncs', () => {
      scheduler.run(({ expectObservable, flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.setListing('container', [containerEvent('c1', 'Running')]);
        h.rest.answerNext({ status: 503 }, { network: 'fetch failed' }, { status: 500 });
        at(10, () => h.ws.last.open());
        // random() = 0.5: waits of 500, 1000 and 2000 ms after answers at 20, 530 and 1540.
        expectObservable(h.watch.cache.pipe(map(snapshot)), '^ 5000ms !').toBe('3550ms a', { a: 'c1:Running' });
        flush();
        const failures = h.statuses.filter((s): s is Extract<WatchStatus, { kind: 'list-failed' }> => s.kind === 'list-failed');
        expect(failures.map((s) => [s.attempt, s.delay, s.error.kind, s.error.status])).toEqual([
          [1, 500, 'server', 503],
          [2, 1000, 'network', undefined],
          [3, 2000, 'server', 500],
        ]);
      });
    });

    it('retries a page on its own, keeping the pages before it', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['service'], pageSize: 1 });
        h.rest.setListing('service', [serviceEvent('a', 'Running'), serviceEvent('b', 'Running')]);
        h.record(h.watch.cache, 3000);
        at(10, () => h.ws.last.open());
        at(15, () => h.rest.answerNext({ status: 502 })); // for the second page, asked at 20
        flush();
        expect(h.rest.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '0', '0']);
      });
    });

    it('ends both Observables with an AuthError on 401, as the stream does, and closes the socket', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'], auth: { user: 'me', apiKey: 'k3y' } });
        h.rest.answerNext({ status: 401 });
        const cache = h.record(h.watch.cache, 5000);
        const events = h.record(h.watch.events, 5000);
        at(10, () => h.ws.last.open());
        flush();
        expect(cache).toEqual([[20, 'error AuthError: The REST API refused the credentials (HTTP 401)']]);
        expect(events).toEqual(cache);
        expect(h.rest.requests).toHaveLength(1);
        expect(h.ws.sockets.map((s) => s.closedWith)).toEqual([1000]);
        expect(h.statuses.find((s) => s.kind === 'failed')).toMatchObject({ error: expect.any(AuthError) });
      });
    });

    it('gives up at once on a 4xx that retrying cannot fix, and after retry.maxAttempts on others', () => {
      scheduler.run(({ flush }) => {
        const notFound = watchHarness({ kinds: ['container'] });
        notFound.rest.answerNext({ status: 404 });
        const a = notFound.record(notFound.watch.cache, 5000);
        at(10, () => notFound.ws.last.open());
        const flaky = watchHarness({ kinds: ['container'], retry: { maxAttempts: 2 } });
        flaky.rest.answerNext({ status: 503 }, { status: 503 });
        const b = flaky.record(flaky.watch.cache, 5000);
        at(10, () => flaky.ws.last.open());
        flush();
        expect(a).toEqual([
          [
            20,
            expect.stringMatching(
              /^error RestError: The REST API refused http:\/\/127\.0\.0\.1:2\/api\/app\/v1\/container\/\?limit=100 \(HTTP 404\)$/,
            ),
          ],
        ]);
        expect(b).toEqual([[530, expect.stringMatching(/^error RestError: .*\(HTTP 503\) \(gave up after 2 attempts\)$/)]]);
      });
    });

    it('makes a failed listing fatal with retry: false', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'], retry: false });
        h.rest.answerNext({ network: 'ECONNREFUSED' });
        const cache = h.record(h.watch.cache, 5000);
        at(10, () => h.ws.last.open());
        flush();
        expect(cache).toEqual([
          [20, 'error RestError: The request to http://127.0.0.1:2/api/app/v1/container/?limit=100 failed: ECONNREFUSED'],
        ]);
      });
    });

    it('times out a page that does not answer, and retries it', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'], listTimeout: 100 });
        h.rest.latency = 1000;
        const failures: string[] = [];
        h.record(h.watch.cache, 700);
        at(10, () => h.ws.last.open());
        flush();
        for (const s of h.statuses) if (s.kind === 'list-failed') failures.push(`${s.error.kind} ${s.delay}`);
        expect(failures).toEqual(['timeout 500']);
        expect(h.rest.aborted).toBe(2); // the timed-out request at 110, then its retry (from 610) at the end
      });
    });

    it('retries a listing that is not one, naming the field at fault', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.answerNext({ status: 200, body: { meta: { next: null }, objects: [{ state: 'Running' }] } });
        h.record(h.watch.cache, 1000);
        at(10, () => h.ws.last.open());
        flush();
        const failure = h.statuses.find((s) => s.kind === 'list-failed') as Extract<WatchStatus, { kind: 'list-failed' }>;
        expect(failure.error.kind).toBe('schema');
        expect(failure.error.message).toMatch(/^Not a listing at objects\.0\.resource_uri \(expected a resource URI, got nothing\)/);
        expect(h.kinds()).toContain('synced');
      });
    });

    it('refuses a next page on another origin, where the credentials must not go', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'], auth: { user: 'me', apiKey: 'k3y' } });
        h.rest.answerNext({ status: 200, body: { meta: { next: 'https://evil.example/api/app/v1/container/?offset=1' }, objects: [] } });
        const cache = h.record(h.watch.cache, 1000);
        at(10, () => h.ws.last.open());
        flush();
        expect(cache).toEqual([[20, 'error RestError: The listing of container pointed its next page at another origin']]);
        expect(h.rest.requests).toHaveLength(1);
      });
    });

    it('never puts a query credential in an error or a status', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'], auth: { user: 'me', apiKey: 's3cr3t-k3y', in: 'query' } });
        h.rest.answerNext({ status: 503 }, { network: 'connect failed for http://127.0.0.1:2/?token=s3cr3t-k3y' });
        h.record(h.watch.cache, 3000);
        at(10, () => h.ws.last.open());
        flush();
        const text = JSON.stringify(h.statuses, (_key, value: unknown) => (value instanceof Error ? value.message : value));
        expect(text).toContain('token=***');
        expect(text).not.toContain('s3cr3t');
      });
    });
  });

  describe('sharing', () => {
    it('shares one connection between cache and events, and replays the cache to a late subscriber as creations', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.setListing('container', [containerEvent('c1', 'Running')]);
        const first = h.record(h.watch.events, 100, label);
        at(10, () => h.ws.last.open());
        at(30, () => h.send(containerEvent('c2', 'Starting', { action: 'create' })));
        let late: [number, string][] = [];
        let cache: [number, string][] = [];
        at(50, () => {
          late = h.record(h.watch.events, 100, label) as [number, string][];
          cache = h.record(h.watch.cache, 100, snapshot) as [number, string][];
        });
        at(60, () => h.send(containerEvent('c2', 'Running')));
        flush();
        expect(h.ws.sockets).toHaveLength(1);
        expect(first.map(([, l]) => l)).toEqual(['create c1 Running*', 'create c2 Starting', 'update c2 Running']);
        // The replay follows the cache's order (by hash of the URI), not the order of arrival.
        expect(late.slice(0, 2).sort()).toEqual([
          [50, 'create c1 Running*'],
          [50, 'create c2 Starting*'],
        ]);
        expect(late.slice(2)).toEqual([[60, 'update c2 Running']]);
        expect(cache).toEqual([
          [50, 'c1:Running c2:Starting'],
          [60, 'c1:Running c2:Running'],
        ]);
      });
    });

    it('closes the socket and aborts the listing when the last subscriber leaves, and starts afresh after', () => {
      scheduler.run(({ flush }) => {
        const h = watchHarness({ kinds: ['container'] });
        h.rest.latency = 50;
        h.record(h.watch.cache, 30);
        at(10, () => h.ws.last.open());
        let again: [number, unknown][] = [];
        at(100, () => {
          again = h.record(h.watch.cache.pipe(take(1)), 500, snapshot);
        });
        at(110, () => h.ws.last.open());
        flush();
        expect(h.ws.sockets.map((s) => s.closedWith)).toEqual([1000, 1000]);
        expect(h.rest.aborted).toBe(1);
        expect(again).toEqual([
          [160, ''],
          [160, 'complete'],
        ]);
      });
    });
  });

  describe('options', () => {
    it('throws a StreamOptionsError at once, naming the option', () => {
      const base = {
        url: 'ws://127.0.0.1:1',
        auth: 'none' as const,
        WebSocket: class {} as never,
        fetch: () => Promise.reject(new Error('unused')),
      };
      const thrown = (options: object): unknown => {
        try {
          watchResources({ ...base, ...options } as never);
        } catch (error) {
          return isStreamOptionsError(error) ? error.option : error;
        }
        return 'nothing thrown';
      };
      expect(thrown({ kinds: [] })).toBe('kinds');
      expect(thrown({ kinds: ['image'] })).toBe('kinds[0]');
      expect(thrown({ kinds: ['container'], parents: [] })).toBe('parents');
      expect(thrown({ kinds: ['container'], pageSize: 0 })).toBe('pageSize');
      expect(thrown({ kinds: ['container'], bufferLimit: 1.5 })).toBe('bufferLimit');
      expect(thrown({ kinds: ['container'], restUrl: 'http://cloud.example.com' })).toBe('restUrl');
      expect(thrown({ kinds: ['container'], restUrl: 'https://me:key@cloud.example.com' })).toBe('restUrl');
      expect(thrown({ kinds: ['container'], restUrl: 'ftp://cloud.example.com' })).toBe('restUrl');
      expect(thrown({ kinds: ['container'], retry: { baseDelay: -1 } })).toBe('retry.baseDelay'); // the stream's own check
      expect(thrown({ kinds: ['container'], restUrl: 'http://cloud.example.com', allowInsecure: true })).toBe('nothing thrown');
      expect(new StreamOptionsError('x', { option: 'kinds' })).toBeInstanceOf(Error);
    });

    it('checks every option in one schema: unknown keys with a guess, types, bounds, parents as resource URIs', () => {
      const base = {
        url: 'ws://127.0.0.1:1',
        auth: 'none' as const,
        WebSocket: class {} as never,
        fetch: () => Promise.reject(new Error('unused')),
      };
      const message = (options: object): string => {
        try {
          watchResources({ ...base, kinds: ['container'], ...options } as never);
        } catch (error) {
          if (isStreamOptionsError(error)) return error.message;
          throw error;
        }
        return 'nothing thrown';
      };
      expect(message({ kind: ['container'] })).toBe('Invalid option kind: not an option (did you mean kinds?)');
      expect(message({ restURL: 'http://127.0.0.1:2' })).toBe('Invalid option restURL: not an option (did you mean restUrl?)');
      expect(message({ retry: { maxAttempt: 3 } })).toBe(
        'Invalid option retry.maxAttempt: not an option (did you mean retry.maxAttempts?)',
      );
      // The stream's filter is made from kinds and parents: a watch takes none.
      expect(message({ filter: { type: 'node' } })).toBe('Invalid option filter: not an option');
      expect(message({ pageSize: '100' })).toBe('Invalid option pageSize: expected a whole number >= 1, got a string "100"');
      expect(message({ listTimeout: 2 ** 31 })).toBe(
        'Invalid option listTimeout: expected a number from 1 to 2147483647, got a number 2147483648',
      );
      expect(message({ kinds: 'container' })).toBe(
        'Invalid option kinds: expected a non-empty array of resource types, got a string "container"',
      );
      expect(message({ parents: ['/api/app/v1/ns/stack/1/', '/a/'] })).toBe('Invalid option parents[1]: expected a resource URI');
      expect(message({ parents: '/api/app/v1/ns/stack/1/', pageSize: 10, listTimeout: 1, bufferLimit: 1 })).toBe('nothing thrown');
      expect(message({ auth: undefined })).toMatch(/^Invalid option auth: no credentials/);
      expect(message({ kinds: undefined })).toMatch(/^Invalid option kinds: /);
    });

    it('derives the REST host from the stream host where that is unambiguous, or says to set restUrl', () => {
      const fetch = () => new Promise<never>(() => undefined);
      const firstListing = (options: object): string => {
        const config = resolveWatchOptions(
          { kinds: ['node'], auth: 'none', WebSocket: class {} as never, allowInsecure: true, ...options } as never,
          { streamEvents, fetch },
        );
        return new URL(config.rest.firstPageUrl('node')).origin;
      };
      expect(firstListing({ url: 'ws://127.0.0.1:4567' })).toBe('http://127.0.0.1:4567');
      expect(firstListing({ url: 'wss://localhost:4567/' })).toBe('https://localhost:4567');
      expect(firstListing({ url: 'http://[::1]:80/proxy/' })).toBe('http://[::1]');
      expect(firstListing({ url: 'wss://ws.cloud.docker.com' })).toBe('https://cloud.docker.com');
      expect(firstListing({})).toBe('https://cloud.docker.com');
      expect(firstListing({ url: 'wss://stream.tutum.co', dialect: 'tutum', auth: { user: 'me', apiKey: 'key-0000-0000' } })).toBe(
        'https://dashboard.tutum.co',
      );
      expect(firstListing({ url: 'wss://events.example.com', restUrl: 'https://api.example.com' })).toBe('https://api.example.com');
      // Listings back off with the stream's defaults: a cap given alone lowers the base with it.
      const config = resolveWatchOptions(
        { kinds: ['node'], auth: 'none', url: 'ws://127.0.0.1:1', WebSocket: class {} as never, retry: { maxDelay: 200 } },
        { streamEvents, fetch },
      );
      expect(config.retry).toEqual({ baseDelay: 200, maxDelay: 200, maxAttempts: Infinity });
      let thrown: unknown;
      try {
        watchResources({ kinds: ['node'], auth: 'none', url: 'wss://events.example.com', WebSocket: class {} as never, fetch });
      } catch (error) {
        thrown = error;
      }
      expect(isStreamOptionsError(thrown) && thrown.option).toBe('restUrl');
      expect((thrown as Error).message).toBe(
        'Invalid option restUrl: not given, and the REST host of the stream host events.example.com is unknown: set restUrl',
      );
    });

    it('needs kinds, and types the events by them', () => {
      const options = {
        url: 'ws://127.0.0.1:1',
        auth: 'none' as const,
        WebSocket: class {} as never,
        fetch: () => Promise.reject(new Error('unused')),
      };
      // @ts-expect-error: at least one kind
      expect(() => watchResources({ ...options, kinds: [] })).toThrow(StreamOptionsError);
      const watch = watchResources({ ...options, kinds: ['service', 'node'] });
      // The events are the kinds' events, so the operators narrow them as on streamEvents.
      const transitions = watch.events.pipe(ofType('node'), stateTransitions());
      const check: typeof transitions extends import('rxjs').Observable<{ to: infer S }> ? S : never = 'Deployed';
      // @ts-expect-error: a container state is no node state
      const wrong: typeof transitions extends import('rxjs').Observable<{ to: infer S }> ? S : never = 42;
      // isSynthetic narrows without losing the kind.
      const synthetic = watch.events.pipe(filter(isSynthetic));
      const flag: typeof synthetic extends import('rxjs').Observable<{ type: 'service' | 'node'; synthetic: true }> ? true : false = true;
      expect([check, wrong, flag, isAuthError, isRestError, RestError]).toBeDefined();
    });
  });

  it('keeps only the latest event of each resource past bufferLimit while a listing is held up', () => {
    scheduler.run(({ flush }) => {
      const h = watchHarness({ kinds: ['container'], bufferLimit: 3 });
      h.rest.latency = 100;
      const events = h.record(h.watch.events, 300, label);
      at(10, () => h.ws.last.open());
      at(20, () =>
        h.send(
          containerEvent('c1', 'Starting', { action: 'create' }),
          containerEvent('c1', 'Running'),
          containerEvent('c2', 'Starting', { action: 'create' }),
          containerEvent('c1', 'Stopping'),
        ),
      );
      flush();
      expect(events).toEqual([
        [110, 'create c2 Starting'],
        [110, 'update c1 Stopping'],
      ]);
      expect(h.statuses.find((s) => s.kind === 'synced')).toMatchObject({ counters: { compacted: 1 } });
    });
  });

  it('marks synthetic events for isSynthetic, and leaves stream events as they came', () => {
    scheduler.run(({ flush }) => {
      const h = watchHarness({ kinds: ['container'] });
      h.rest.setListing('container', [containerEvent('c1', 'Running')]);
      const live = containerEvent('c2', 'Running', { uuid: 'e2', datetime: t(1) });
      const events = h.record(h.watch.events, 100);
      at(10, () => h.ws.last.open());
      at(30, () => h.send(live));
      flush();
      expect(events.map(([, e]) => isSynthetic(e as never))).toEqual([true, false]);
      expect(events[1]![1]).toEqual(live);
    });
  });
});
