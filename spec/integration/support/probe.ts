// Subscribes to the Node `streamEvents` and records what comes out: events, statuses, the
// error or completion. Every probe is unsubscribed by `closeAllProbes`, and every status and
// error it saw is checked for credentials by `assertNoCredentialsLeaked`.

import type { Subscription } from 'rxjs';
import type { CloudEvent } from '../../../lib/model/CloudEvent.js';
import type { StreamStatus, StreamStatusKind } from '../../../lib/stream/StreamStatus.js';
import { readEnvironment } from '../../../lib/node/readEnvironment.js';
import { streamEvents, type NodeStreamOptions } from '../../../lib/node/streamEvents.js';

/** Small timeouts so that every reconnect and stall happens within a fraction of a second. */
export const FAST = {
  connectTimeout: 1000,
  idleTimeout: 300,
  pongTimeout: 200,
  retry: { baseDelay: 20, maxDelay: 100, minInterval: 50 },
} as const satisfies Partial<NodeStreamOptions>;

export interface Probe {
  readonly events: CloudEvent[];
  readonly statuses: StreamStatus[];
  /** Every status and event in arrival order, as `status:<kind>` or `event`. */
  readonly timeline: string[];
  /** When each status arrived (`Date.now()`), parallel to `statuses`. */
  readonly statusTimes: number[];
  readonly error: () => unknown;
  readonly completed: () => boolean;
  /** Whether the Observable ended (error or complete). */
  readonly ended: () => boolean;
  readonly kinds: () => StreamStatusKind[];
  readonly ofKind: <K extends StreamStatusKind>(kind: K) => Array<Extract<StreamStatus, { kind: K }>>;
  /** Resolves once `predicate` holds; rejects after `timeoutMs` with what was seen so far. */
  readonly until: (predicate: () => boolean, what: string, timeoutMs?: number) => Promise<void>;
  readonly unsubscribe: () => void;
  /** Every credential of this probe's options and environment, in the forms it may leak in. */
  readonly secrets: readonly string[];
}

const probes = new Set<Probe>();
const subscriptions = new Set<Subscription>();

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function secretsOf(options: NodeStreamOptions): string[] {
  const secrets: string[] = [];
  const add = (value: string | undefined): void => {
    if (value === undefined || value.trim() === '') return;
    secrets.push(value, encodeURIComponent(value), new URLSearchParams({ s: value }).toString().slice(2));
  };
  const auth = options.auth;
  if (auth !== undefined && auth !== 'none') {
    if ('apiKey' in auth) {
      add(auth.apiKey);
      add(base64(`${auth.user}:${auth.apiKey}`));
    } else {
      add(auth.authorization);
    }
  }
  const env = options.env ?? process.env;
  add(env['DOCKERCLOUD_APIKEY']);
  add(env['DOCKERCLOUD_PASS']);
  add(env['DOCKERCLOUD_AUTH']);
  const user = env['DOCKERCLOUD_USER'];
  for (const key of [env['DOCKERCLOUD_APIKEY'], env['DOCKERCLOUD_PASS']]) {
    if (user !== undefined && key !== undefined) add(base64(`${user.trim()}:${key.trim()}`));
  }
  return [...new Set(secrets)];
}

/** JSON of a value with every Error (nested too) spelt out: name, message, and own fields. */
export function exposedText(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) {
      return { ...v, name: v.name, message: v.message, stack: v.stack };
    }
    return v;
  });
  return text ?? String(value);
}

/**
 * Subscribes to `streamEvents(options)` (with `env: {}` unless given) and records the output.
 * Without credentials in the options or the environment it sends none (`auth: 'none'`): the
 * test servers take any.
 */
export function probe(options: NodeStreamOptions): Probe {
  const events: CloudEvent[] = [];
  const statuses: StreamStatus[] = [];
  const statusTimes: number[] = [];
  const timeline: string[] = [];
  let error: unknown;
  let completed = false;
  let ended = false;
  const credentials = options.auth ?? readEnvironment('env' in options ? (options.env ?? process.env) : {}, options.dialect).auth;
  const full: NodeStreamOptions = {
    env: {},
    ...(credentials === undefined ? { auth: 'none' } : {}),
    ...options,
    status: (status: StreamStatus) => {
      statuses.push(status);
      statusTimes.push(Date.now());
      timeline.push(`status:${status.kind}`);
    },
  };
  const subscription = streamEvents(full).subscribe({
    next: (event) => {
      events.push(event);
      timeline.push('event');
    },
    error: (e: unknown) => {
      error = e;
      ended = true;
    },
    complete: () => {
      completed = true;
      ended = true;
    },
  });
  subscriptions.add(subscription);
  const result: Probe = {
    events,
    statuses,
    statusTimes,
    timeline,
    error: () => error,
    completed: () => completed,
    ended: () => ended,
    kinds: () => statuses.map((s) => s.kind),
    ofKind: <K extends StreamStatusKind>(kind: K) => statuses.filter((s): s is Extract<StreamStatus, { kind: K }> => s.kind === kind),
    until: (predicate, what, timeoutMs = 3000) =>
      waitFor(
        predicate,
        what,
        timeoutMs,
        () =>
          `statuses: ${statuses.map((s) => s.kind).join(', ')}; events: ${events.length}; ` +
          `error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      ),
    unsubscribe: () => {
      subscription.unsubscribe();
      subscriptions.delete(subscription);
    },
    secrets: secretsOf(full),
  };
  probes.add(result);
  return result;
}

/**
 * Resolves once `predicate` holds (checked every 5 ms); rejects after `timeoutMs` naming
 * `what` and, if given, what `seen` describes.
 */
export function waitFor(predicate: () => boolean, what: string, timeoutMs = 3000, seen?: () => string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (predicate()) resolve();
      else if (Date.now() - started > timeoutMs) {
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen === undefined ? '' : `; ${seen()}`}`));
      } else setTimeout(tick, 5);
    };
    tick();
  });
}

/** `promise`, or a rejection naming `what` if it takes longer than `ms`; the timer never outlives it. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The credentials found in the statuses and the error of `p` (none, in a correct library). */
export function leakedCredentials(p: Probe): string[] {
  const texts = [...p.statuses.map(exposedText), exposedText(p.error())];
  for (const status of p.statuses) {
    if ('error' in status && status.error !== undefined) texts.push(status.error.message, String(status.error));
  }
  const error = p.error();
  if (error instanceof Error) texts.push(error.message, String(error));
  return p.secrets.filter((secret) => texts.some((text) => text.includes(secret)));
}

/** Unsubscribes every probe; returns the credentials any of them reported (none, in a correct library). */
export function closeAllProbes(): string[] {
  for (const subscription of subscriptions) subscription.unsubscribe();
  subscriptions.clear();
  const leaks = [...probes].flatMap((p) => leakedCredentials(p));
  probes.clear();
  return leaks;
}
