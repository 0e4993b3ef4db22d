import type { Observer, SchedulerLike } from 'rxjs';
import type { StreamStatus } from './StreamStatus.js';
import type { WebSocketConstructor } from './WebSocketLike.js';

/**
 * Credentials for the stream.
 * - `{ user, apiKey }`: sent as `Authorization: Basic base64(user:apiKey)`, or as
 *   `?user=…&token=…` in the query.
 * - `{ authorization }`: a header value sent verbatim (`DOCKERCLOUD_AUTH`, e.g.
 *   `Basic …` or `TutumAccessKey …`), or as `?auth=…` in the query.
 *
 * `in` chooses where: `header` (the default) or `query`. Browsers cannot set headers on a
 * WebSocket, so in a browser choose `query` explicitly.
 */
export type StreamAuth =
  | { readonly user: string; readonly apiKey: string; readonly in?: 'header' | 'query' }
  | { readonly authorization: string; readonly in?: 'header' | 'query' };

/** A value of a filter: one value, or several that are comma-joined on the wire. */
export type FilterValue = string | readonly string[];

/**
 * Filters the server applies (Docker Cloud dialect only): the event `type`, the `object`
 * (a resource URI) and the `parent` (a resource URI).
 */
export interface StreamFilter {
  /** Event types, e.g. `['container', 'service']`. */
  readonly type?: FilterValue;
  /** Resource URIs of the objects to watch. */
  readonly object?: FilterValue;
  /** Resource URIs of the parents whose children to watch. */
  readonly parent?: FilterValue;
  /**
   * The query parameter that carries `parent`: `parent` as the API documents say (the
   * default), or `parents` as the official Go client sent it.
   */
  readonly parentParam?: 'parent' | 'parents';
}

/**
 * How the stream reconnects: full-jitter exponential backoff, a delay drawn from
 * `random(0, min(maxDelay, baseDelay · 2^attempt))`, where `attempt` counts the failures since
 * the last healthy connection.
 */
export interface RetryOptions {
  /** The base of the backoff, in ms. Default 1000. */
  readonly baseDelay?: number;
  /** The cap of the backoff, in ms. Default 30000. */
  readonly maxDelay?: number;
  /**
   * How many consecutive attempts may fail before the stream gives up with the last
   * `ConnectionError`. Default `Infinity`: retry forever.
   */
  readonly maxAttempts?: number;
  /** How long a connection must stay open to count as healthy and reset the backoff, in ms. Default 60000. */
  readonly resetAfter?: number;
  /**
   * The shortest time between the starts of two attempts, in ms, so a server that accepts and
   * closes at once is never hit more often. Default 1000.
   */
  readonly minInterval?: number;
}

/** The options of `streamEvents`. Every time is in milliseconds. */
export interface StreamOptions {
  /**
   * The stream host: `wss://ws.cloud.docker.com` by default (`wss://stream.tutum.co` for the
   * Tutum dialect). A URL whose path already ends in the events endpoint is used as it is;
   * any other path is a prefix the endpoint is appended to. `http(s)://` is read as `ws(s)://`.
   */
  readonly url?: string;
  /** The namespace (user or organisation) whose events to stream (Docker Cloud dialect). */
  readonly namespace?: string;
  /** Filters the server applies. */
  readonly filter?: StreamFilter;
  /**
   * `dockercloud` (the default): `/api/audit/v1/[<namespace>/]events/`. `tutum`:
   * `/v1/events` with query auth; the `auth` message Tutum sends first is consumed as an
   * `authenticated` status rather than emitted.
   */
  readonly dialect?: 'dockercloud' | 'tutum';
  /** Credentials. */
  readonly auth?: StreamAuth;
  /** The WebSocket constructor. Default: the platform's `WebSocket`. */
  readonly WebSocket?: WebSocketConstructor;
  /** Reconnection: options, or `false` to never reconnect. Default: reconnect forever. */
  readonly retry?: RetryOptions | false;
  /** How long an attempt may take to open. Default 20000. */
  readonly connectTimeout?: number;
  /**
   * How long the connection may go without a frame before it is checked: pinged where the
   * WebSocket can ping (Node), otherwise reconnected. Default 30000.
   */
  readonly idleTimeout?: number;
  /** How long to wait for any frame after a ping before reconnecting. Default 15000. */
  readonly pongTimeout?: number;
  /** The largest message accepted, in bytes; larger frames are rejected. Default 1 MiB. */
  readonly maxMessageSize?: number;
  /** Make a rejected frame end the stream with a `MessageError` instead of being reported. Default false. */
  readonly strict?: boolean;
  /**
   * Receives the stream's status: connecting, open, reconnecting, rejected frames, closed.
   *
   * An error thrown by the observer changes nothing in the stream, in any phase: it goes on as
   * if the observer had returned. The error is reported asynchronously, like RxJS's unhandled
   * errors, to `config.onUnhandledError` from `rxjs` if set, else to `console.error`; it is
   * never rethrown, so it cannot crash the process from inside the library.
   */
  readonly status?: Partial<Observer<StreamStatus>> | ((status: StreamStatus) => void);
  /** Allow `ws://` (unencrypted) to a host that is not loopback. Default false. */
  readonly allowInsecure?: boolean;
  /** The scheduler of every timer (tests pass a `TestScheduler`). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** The source of randomness of the backoff jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}
