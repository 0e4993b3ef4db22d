// Helpers shared by the stream specs: a TestScheduler with Jest's deep equality, a status log
// stamped with virtual time, and a recorder of what a subscription received.
import { asyncScheduler, type Observable, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { CloudEvent } from '../../../lib/model/CloudEvent.js';
import type { StreamStatus, StreamStatusKind } from '../../../lib/stream/StreamStatus.js';
import { FakeWebSocketServer } from '../../../lib/testing/FakeWebSocket.js';

/**
 * An error as a plain object: its class, message and every own field. Jest's `toEqual` compares
 * only the name and message of errors; this makes it compare `code`, `reason`, `attempts`...
 */
export function plain(value: unknown): unknown {
  if (value instanceof Error) {
    const fields: Record<string, unknown> = { class: value.constructor.name, message: value.message };
    for (const [key, field] of Object.entries(value)) fields[key] = plain(field);
    return fields;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plain(field)]));
  }
  return value;
}

/** Asserts that `actual` is an error of the same class, message and fields as `expected`. */
export function expectSameError(actual: unknown, expected: Error): void {
  expect(actual).toBeInstanceOf(expected.constructor);
  expect(plain(actual)).toEqual(plain(expected));
}

/**
 * A TestScheduler asserting with Jest's `toEqual`, errors compared field by field. In `run`
 * mode, `asyncScheduler` is virtual.
 */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(plain(actual)).toEqual(plain(expected)));
}

/** Runs `work` `delay` virtual ms from now (call it at frame 0 for an absolute time). */
export function at(delay: number, work: () => void): Subscription {
  return asyncScheduler.schedule(work, delay);
}

/** The virtual time. */
export function now(): number {
  return asyncScheduler.now();
}

export type StatusOf<K extends StreamStatusKind> = Extract<StreamStatus, { kind: K }>;

export interface Stamped<T> {
  readonly t: number;
  readonly value: T;
}

/** Every status reported, with the virtual time it was reported at. */
export class StatusLog {
  readonly entries: Stamped<StreamStatus>[] = [];
  /** Pass this as `options.status`. */
  readonly report = (status: StreamStatus): void => {
    this.entries.push({ t: now(), value: status });
  };

  get statuses(): StreamStatus[] {
    return this.entries.map((e) => e.value);
  }

  kinds(): StreamStatusKind[] {
    return this.entries.map((e) => e.value.kind);
  }

  of<K extends StreamStatusKind>(kind: K): Stamped<StatusOf<K>>[] {
    return this.entries.filter((e): e is Stamped<StatusOf<K>> => e.value.kind === kind);
  }

  times(kind: StreamStatusKind): number[] {
    return this.of(kind).map((e) => e.t);
  }
}

/** What one subscription received, stamped with virtual time. */
export class Recording<T = CloudEvent> {
  readonly values: Stamped<T>[] = [];
  error: Stamped<unknown> | undefined;
  completedAt: number | undefined;
  readonly subscription: Subscription;

  constructor(stream: Observable<T>, until?: number) {
    this.subscription = stream.subscribe({
      next: (value) => this.values.push({ t: now(), value }),
      error: (error: unknown) => {
        this.error = { t: now(), value: error };
      },
      complete: () => {
        this.completedAt = now();
      },
    });
    if (until !== undefined) at(until, () => this.subscription.unsubscribe());
  }

  get events(): T[] {
    return this.values.map((v) => v.value);
  }
}

/**
 * Runs `body` inside `TestScheduler.run` and flushes; the body must make the stream end
 * (unsubscribe at a time, or a fatal error), since a retrying stream schedules forever.
 */
export function virtual(body: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0], ts: TestScheduler) => void): void {
  const ts = testScheduler();
  ts.run((helpers) => body(helpers, ts));
}

/**
 * A server whose every socket, once created, is driven by `script` (called at the virtual
 * time of creation): e.g. fail at once, or open and close. Past `limit` sockets the
 * constructor throws, which ends the stream: a client that reconnects without any delay then
 * fails its test instead of looping forever at one virtual instant.
 */
export function scriptedServer(
  script: (socket: FakeWebSocketServer['last'], index: number) => void,
  options: { readonly pingable?: boolean; readonly limit?: number } = {},
): FakeWebSocketServer {
  const server = new FakeWebSocketServer(options);
  const Base = server.WebSocket;
  const limit = options.limit ?? 5000;
  let index = 0;
  const Scripted = function (this: unknown, ...args: ConstructorParameters<typeof Base>) {
    if (index >= limit) throw new Error(`scriptedServer: more than ${limit} sockets`);
    const socket = new Base(...args);
    const n = index++;
    // Let the client attach its handlers before the script acts.
    at(0, () => script(server.last, n));
    return socket;
  } as unknown as typeof Base;
  (server as { WebSocket: typeof Base }).WebSocket = Scripted;
  return server;
}

/** The options every stream spec starts from: a loopback URL and the fake's constructor. */
export const LOCAL_URL = 'ws://127.0.0.1:8080';

/** Fails a test when `text` contains any of `secrets` (raw, URL-encoded). */
export function expectNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      if (text.includes(form)) throw new Error(`a secret leaked (${JSON.stringify(form)}) in: ${text}`);
    }
  }
}

/** Everything an error or status exposes as text: its JSON, message, and stack. */
export function exposedText(value: unknown): string {
  const parts: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || v === undefined) return;
    if (v instanceof Error) {
      parts.push(v.message, v.stack ?? '', String(v));
    }
    if (typeof v === 'object') {
      parts.push(JSON.stringify(v));
      for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key], depth + 1);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever else a value is (a function too), its text is searched.
      parts.push(String(v));
    }
  };
  visit(value, 0);
  return parts.join('\n');
}

/**
 * Credentials for a fake server, which ignores them: `streamEvents` requires some, and a spec
 * about the connection should dial as an application does.
 */
export const TEST_AUTH = { user: 'tester', apiKey: 'fake-api-key-0000' } as const;
