import type { DashboardOptions } from './DashboardOptions.js';

/**
 * The size and behaviour of the simulated account. Sizes are those of the world at start;
 * the simulation then keeps the number of stacks around `stacks` (one more or one fewer) and
 * each cluster's nodes between `nodesPerCluster` and two more, so a long run has a bounded
 * number of live resources.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ world: { stacks: 1, servicesPerStack: 1, containersPerService: 2 } });
 * ```
 */
export interface WorldSize {
  /** Node clusters, each deployed with its nodes. Default 1, at least 1. */
  readonly nodeClusters?: number;
  /** Nodes per cluster at start. Default 3, at least 1. */
  readonly nodesPerCluster?: number;
  /** Running stacks at start, and the number the simulation aims for. Default 3 (0 starts empty and aims for 1). */
  readonly stacks?: number;
  /** Services of each stack at start; new stacks get 1 to this many. Default 2, at least 1. */
  readonly servicesPerStack?: number;
  /** Containers of each service at start; scaling stays within 1 and twice this (at least 2). Default 2, at least 1. */
  readonly containersPerService?: number;
  /** The probability that a container fails to start (it ends `Stopped`, its action `Failed`). Default 0.05. */
  readonly failureRate?: number;
}

/**
 * Replaying a recording instead of simulating: the emulator sends the recorded events, in
 * order, through the same server, and its REST API and `world` reflect the events sent so
 * far.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ replay: { file: 'run.jsonl', speed: 'max' } });
 * ```
 */
export interface ReplayOptions {
  /** A file written by `emulator.recording` (JSON lines; see docs/emulator.md). */
  readonly file: string;
  /**
   * `'recorded'` (default) keeps the recorded gaps; a number multiplies the speed (`2` is
   * twice as fast); `'max'` sends as fast as the connections drain.
   */
  readonly speed?: 'recorded' | 'max' | number;
}

/**
 * How long the emulator waits on a client before it closes the connection, so that a client
 * that opens connections and never finishes them (a "slowloris") cannot hold its descriptors.
 * Each is a number of ms from 1 to 2^31−1.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ timeouts: { request: 2000, idle: 1000, close: 500 } });
 * ```
 */
export interface EmulatorTimeouts {
  /**
   * The request line, the headers and any body of a request, a websocket upgrade included,
   * must arrive within this many ms of the connection (for its first request) or of the
   * request's first byte: else the client gets 408 and the connection is closed. Default 10000.
   */
  readonly request?: number;
  /** A keep-alive HTTP connection with no request under way is closed after this many ms. Default 5000. */
  readonly idle?: number;
  /**
   * A stream connection the emulator closes (a `close` or `error` fault, a revocation) that
   * has not completed the close handshake within this many ms (say, its client stopped
   * reading) is terminated. Default 5000.
   */
  readonly close?: number;
}

/**
 * How fast the emulator emits: events per second, or `'max'` (also `Infinity`) to emit as
 * fast as the connections drain.
 *
 * @example
 * ```ts
 * emulator.setRate('max'); // for a benchmark
 * emulator.setRate(5);     // for a demo
 * ```
 */
export type EmulatorRate = number | 'max';

/**
 * The options of `startEmulator`. Every one has a default: `startEmulator()` serves a small
 * seeded world at 10 events a second on a free port of 127.0.0.1.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ seed: 42, rate: 'max', paused: true, world: { stacks: 1 } });
 * emulator.step(10);
 * ```
 */
export interface EmulatorOptions {
  /** The interface to listen on. Default `'127.0.0.1'`. */
  readonly host?: string;
  /** The port; 0 (default) takes a free one. */
  readonly port?: number;
  /** The seed of the simulation: the same seed gives the same events, uuids and datetimes. Default 1. */
  readonly seed?: number | string;
  /** Events per second, or `'max'`/`Infinity` (as fast as the sockets drain). Default 10. */
  readonly rate?: EmulatorRate;
  /** Start paused: nothing is emitted until `resume()` or `step()`. Default `false`. */
  readonly paused?: boolean;
  /** The account's user name. Default `'emulator'`. */
  readonly user?: string;
  /** The account's API key. Default: derived from the seed. */
  readonly apiKey?: string;
  /** The namespace the world lives in (a user or an organisation). Default: the user name. */
  readonly namespace?: string;
  /** The secret of the `TutumAccessKey` credential. Default: derived from the seed. */
  readonly accessKey?: string;
  /** The size and behaviour of the simulated world. */
  readonly world?: WorldSize;
  /** When the simulated clock starts (ISO 8601 or a `Date`). Default `2016-02-01T16:00:00Z`. */
  readonly startTime?: string | Date;
  /** Finished actions the audit API keeps listing before it forgets the oldest. Default 100. */
  readonly actionHistory?: number;
  /** Open stream connections allowed per client address; the next handshake gets 429. Default 256. */
  readonly maxConnectionsPerClient?: number;
  /**
   * Open TCP connections allowed in all, HTTP and websocket, from every client: beyond it a
   * new connection is closed at once, before any byte is read (counted in
   * `stats().connectionsDropped`). Default 1024.
   */
  readonly maxConnections?: number;
  /** How long a client may take to send a request, idle, or answer a close. */
  readonly timeouts?: EmulatorTimeouts;
  /** The largest frame a client may send, in bytes; larger closes with 1009. Default 65536. */
  readonly maxPayload?: number;
  /**
   * How often the server pings each connection, in ms; a connection that has not answered the
   * previous ping is terminated. `0` or `false` disables pings. Default 25000.
   */
  readonly pingInterval?: number | false;
  /**
   * Refuse bad credentials as early servers did: accept the handshake, send
   * `{"type":"error","data":{"errorMessage":"UNAUTHORIZED"}}`, and close (1008). Default
   * `false` (HTTP 401 on the upgrade).
   */
  readonly inBandAuthErrors?: boolean;
  /**
   * Send Tutum-shaped events on the Tutum path `/v1/events`: URIs under `/api/v1/` without
   * namespace, `date` (`+00:00`) instead of `datetime`, no `uuid`. Default `false` (the same
   * Docker Cloud events on every path).
   */
  readonly legacyTutumEvents?: boolean;
  /** At rate `'max'`, the bytes a connection may have buffered before emission waits for it. Default 1 MiB. */
  readonly highWaterMark?: number;
  /** Record every event from the start to this file (see `emulator.recording`). */
  readonly record?: { readonly file: string };
  /** Replay a recording instead of simulating; `seed`, `world` and `rate` are then ignored. */
  readonly replay?: ReplayOptions;
  /**
   * Serve the live dashboard at `/dashboard/` (see `emulator.dashboardUrl`): `true`, or where
   * its built files are. Default `false`.
   */
  readonly dashboard?: boolean | DashboardOptions;
}
