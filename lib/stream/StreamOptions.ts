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
  /** Event types, e.g. `['container', 'service']`: known resource types unless `allowUnknownTypes`. */
  readonly type?: FilterValue;
  /** Resource URIs of the objects to watch (`/api/app/v1/<namespace>/<type>/<uuid>/`, or any form `parseResourceUri` reads). */
  readonly object?: FilterValue;
  /** Resource URIs of the parents whose children to watch, in the same forms as `object`. */
  readonly parent?: FilterValue;
  /**
   * The query parameter that carries `parent`: `parent` as the API documents say (the
   * default), or `parents` as the official Go client sent it.
   */
  readonly parentParam?: 'parent' | 'parents';
  /**
   * Send `type` values that are not among the known resource types (`RESOURCE_TYPES`) too:
   * by default an unknown type is an error at the call, for it is most likely a typo that
   * would filter out everything. Default false.
   */
  readonly allowUnknownTypes?: boolean;
}

/**
 * How the stream reconnects: full-jitter exponential backoff, a delay drawn from
 * `random(0, min(maxDelay, baseDelay · 2^attempt))`, where `attempt` counts the failures since
 * the last healthy connection.
 */
export interface RetryOptions {
  /** The base of the backoff, in ms. Default 1000, or `maxDelay` when that is given lower. */
  readonly baseDelay?: number;
  /** The cap of the backoff, in ms. Default 30000, or `baseDelay` when that is given higher. */
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

/**
 * The options of `streamEvents`. Every time is in milliseconds, from 0 (or 1) to 2^31 − 1, the
 * longest a timer holds. They are checked at the call, before any socket: an unknown key
 * (with a guess at the one meant), a value of the wrong type or out of bounds throws a
 * `StreamOptionsError` naming the option.
 */
export interface StreamOptions {
  /**
   * The stream host: `wss://ws.cloud.docker.com` by default (`wss://stream.tutum.co` for the
   * Tutum dialect). A URL whose path already ends in the events endpoint is used as it is;
   * any other path is a prefix the endpoint is appended to. `http(s)://` is read as `ws(s)://`.
   */
  readonly url?: string;
  /**
   * The namespace (user or organisation) whose events to stream (Docker Cloud dialect):
   * letters, digits, `_`, `-` and `.`, but not `.` or `..` alone.
   */
  readonly namespace?: string;
  /** Filters the server applies. */
  readonly filter?: StreamFilter;
  /**
   * `dockercloud` (the default): `/api/audit/v1/[<namespace>/]events/`. `tutum`:
   * `/v1/events` with query auth; the `auth` message Tutum sends first is consumed as an
   * `authenticated` status rather than emitted.
   */
  readonly dialect?: 'dockercloud' | 'tutum';
  /**
   * Credentials: required. `'none'` sends none, for a proxy that adds them; without `auth`
   * the call throws rather than meet a 401 on every attempt.
   */
  readonly auth?: StreamAuth | 'none';
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
  /**
   * The source of randomness of the backoff jitter, in [0, 1). Default `Math.random`. A draw
   * outside [0, 1) (`NaN`, `Infinity`, negative, 1 or more) counts as the full delay, never as
   * "retry at once".
   */
  readonly random?: () => number;
}
