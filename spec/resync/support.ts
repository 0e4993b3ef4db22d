// Helpers of the watch's specs: a watch on a fake socket and a fake REST API, on virtual time.
import { asyncScheduler, type Observable, type Subscription } from 'rxjs';
import type { ResourceEvent } from '../../lib/index.js';
import type { ResourceWatch } from '../../lib/resync/ResourceWatch.js';
import type { WatchedEvent } from '../../lib/resync/WatchedEvent.js';
import type { WatchOptions } from '../../lib/resync/WatchOptions.js';
import type { WatchStatus } from '../../lib/resync/WatchStatus.js';
import { watchResources } from '../../lib/resync/watchResources.js';
import { FakeRestApi, FakeWebSocketServer } from '../../lib/testing/index.js';

/** A change as `action id state`, `*` marking a synthetic event and `?` a final state unknown. */
export function label(event: WatchedEvent): string {
  const id = event.resource_uri.split('/').filter(Boolean).pop();
  return `${event.action} ${id} ${event.state ?? '-'}${event.synthetic === true ? '*' : ''}${event.finalStateUnknown === true ? '?' : ''}`;
}

/** A cache snapshot as `id:state` entries, sorted. */
export function snapshot(view: ReadonlyMap<string, WatchedEvent>): string {
  return [...view.values()]
    .map((e) => `${e.resource_uri.split('/').filter(Boolean).pop()}:${e.state ?? '-'}`)
    .sort()
    .join(' ');
}

/** Runs `work` at virtual time `ms` (inside `TestScheduler.run`). */
export function at(ms: number, work: () => void): void {
  asyncScheduler.schedule(work, ms);
}

/** Everything a watch spec drives and reads. */
export interface WatchHarness<K extends ResourceEvent['type']> {
  readonly ws: FakeWebSocketServer;
  readonly rest: FakeRestApi;
  readonly statuses: WatchStatus[];
  readonly watch: ResourceWatch<Extract<ResourceEvent, { type: K }>>;
  /** Sends events on the newest socket, as the server would. */
  send(...events: ResourceEvent[]): void;
  /** What an Observable emitted, as `[virtual time, value]`; the subscription ends at `until`. */
  record<T>(source: Observable<T>, until: number, as?: (value: T) => string): [number, string | T][];
  /** The kinds of the statuses reported, in order, without the stream's `connecting`. */
  kinds(): string[];
}

/** A watch on a fake socket and a fake REST API, with the backoff's randomness fixed at 0.5. */
export function watchHarness<K extends ResourceEvent['type']>(
  options: Omit<WatchOptions<K>, 'WebSocket' | 'fetch'> & Partial<Pick<WatchOptions<K>, 'fetch'>>,
): WatchHarness<K> {
  const ws = new FakeWebSocketServer();
  const rest = new FakeRestApi();
  const statuses: WatchStatus[] = [];
  const watch = watchResources<K>({
    url: 'ws://127.0.0.1:1',
    restUrl: 'http://127.0.0.1:2',
    // The fakes ignore credentials, but a watch requires some.
    auth: { user: 'tester', apiKey: 'fake-api-key-0000' },
    random: () => 0.5,
    fetch: rest.fetch,
    WebSocket: ws.WebSocket,
    status: (status) => statuses.push(status),
    ...options,
  });
  const subscriptions: Subscription[] = [];
  return {
    ws,
    rest,
    statuses,
    watch,
    send: (...events) => {
      for (const event of events) ws.last.message(JSON.stringify(event));
    },
    record<T>(source: Observable<T>, until: number, as?: (value: T) => string) {
      const out: [number, string | T][] = [];
      const subscription = source.subscribe({
        next: (value) => out.push([asyncScheduler.now(), as === undefined ? value : as(value)]),
        error: (error: unknown) => out.push([asyncScheduler.now(), `error ${(error as Error).name}: ${(error as Error).message}`]),
        complete: () => out.push([asyncScheduler.now(), 'complete']),
      });
      subscriptions.push(subscription);
      asyncScheduler.schedule(() => subscription.unsubscribe(), until);
      return out;
    },
    kinds: () => statuses.map((s) => s.kind).filter((kind) => kind !== 'connecting'),
  };
}
