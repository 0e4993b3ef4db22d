import { createRandom, seedOf } from './createRandom.js';
import { readDashboardAssets, type DashboardAssets } from './DashboardAssets.js';
import { EmulatorError } from './EmulatorError.js';
import type { EmulatorOptions, EmulatorRate } from './EmulatorOptions.js';
import type { PumpMode } from './EventPump.js';
import type { WorldConfig } from './World.js';

/**
 * Every option with its default applied and checked.
 *
 * @internal
 */
export interface ResolvedEmulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly mode: PumpMode;
  readonly paused: boolean;
  readonly user: string;
  readonly apiKey: string;
  readonly namespace: string;
  readonly accessKey: string;
  /** The simulation, absent for a replay. */
  readonly world: WorldConfig | undefined;
  readonly replayFile: string | undefined;
  readonly maxConnectionsPerClient: number;
  readonly maxConnections: number;
  /** ms: a request's head and body; an idle keep-alive connection; a close handshake. */
  readonly timeouts: { readonly request: number; readonly idle: number; readonly close: number };
  readonly maxPayload: number;
  /** 0: no pings. */
  readonly pingInterval: number;
  readonly inBandAuthErrors: boolean;
  readonly legacyTutumEvents: boolean;
  readonly highWaterMark: number;
  readonly recordFile: string | undefined;
  /** The dashboard's files, when it is served. */
  readonly dashboard: DashboardAssets | undefined;
}

function fail(option: string, message: string): never {
  throw new EmulatorError('options', `Invalid option ${option}: ${message}`, option);
}

function whole(option: string, value: number | undefined, fallback: number, min: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(option, `expected a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function name(option: string, value: string | undefined, fallback: string, pattern: RegExp, what: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !pattern.test(value)) fail(option, `expected ${what}`);
  return value;
}

/**
 * The pump mode of a rate option.
 *
 * @internal
 */
export function rateMode(rate: EmulatorRate, option = 'rate'): PumpMode {
  if (rate === 'max' || rate === Infinity) return { kind: 'max' };
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    fail(option, `expected a number of events per second > 0, 'max' or Infinity, got ${String(rate)}`);
  }
  return { kind: 'rate', rate };
}

/**
 * Applies the defaults to the options of `startEmulator` and checks them, throwing an
 * `EmulatorError` (`options`) that names the first invalid one.
 *
 * @internal
 */
export function resolveEmulatorOptions(options: EmulatorOptions): ResolvedEmulatorOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'expected an object');
  const seedOption = options.seed ?? 1;
  if (!(typeof seedOption === 'string' || (typeof seedOption === 'number' && Number.isFinite(seedOption)))) fail('seed', 'expected a number or a string');
  const seed = seedOf(typeof seedOption === 'number' ? Math.trunc(seedOption) : seedOption);
  // The default keys come from their own generator, so that they never shift the world's draws.
  const keys = createRandom(seed ^ 0x5bd1e995);
  const user = name('user', options.user, 'emulator', /^[A-Za-z0-9_.@+-]+$/, 'a user name (letters, digits, "_", ".", "@", "+", "-")');
  const apiKey = name('apiKey', options.apiKey, keys.hex(32), /^[\x21-\x7e]+$/, 'a non-empty key without spaces');
  const accessKey = name('accessKey', options.accessKey, keys.hex(40), /^[\x21-\x7e]+$/, 'a non-empty key without spaces');
  const namespace = name('namespace', options.namespace, user, /^[A-Za-z0-9_.-]+$/, 'a user or organisation name (letters, digits, "_", ".", "-")');

  let startTime = Date.parse('2016-02-01T16:00:00Z');
  if (options.startTime !== undefined) {
    startTime = options.startTime instanceof Date ? options.startTime.getTime() : Date.parse(String(options.startTime));
    if (!Number.isFinite(startTime)) fail('startTime', 'expected an ISO 8601 date or a valid Date');
  }

  const size = options.world ?? {};
  const failureRate = size.failureRate ?? 0.05;
  if (typeof failureRate !== 'number' || !(failureRate >= 0 && failureRate <= 1)) fail('world.failureRate', 'expected a probability from 0 to 1');
  const replay = options.replay;
  let mode = rateMode(options.rate ?? 10);
  let replayFile: string | undefined;
  if (replay !== undefined) {
    if (typeof replay !== 'object' || replay === null || typeof replay.file !== 'string' || replay.file === '') fail('replay.file', 'expected a file name');
    replayFile = replay.file;
    const speed = replay.speed ?? 'recorded';
    if (speed === 'max') mode = { kind: 'max' };
    else if (speed === 'recorded') mode = { kind: 'recorded', speed: 1 };
    else if (typeof speed === 'number' && Number.isFinite(speed) && speed > 0) mode = { kind: 'recorded', speed };
    else fail('replay.speed', `expected 'recorded', 'max' or a speed factor > 0, got ${String(speed)}`);
  }
  const world: WorldConfig | undefined =
    replay !== undefined
      ? undefined
      : {
          seed,
          namespace,
          user,
          startTime,
          nodeClusters: whole('world.nodeClusters', size.nodeClusters, 1, 1, 100),
          nodesPerCluster: whole('world.nodesPerCluster', size.nodesPerCluster, 3, 1, 1000),
          stacks: whole('world.stacks', size.stacks, 3, 0, 10_000),
          servicesPerStack: whole('world.servicesPerStack', size.servicesPerStack, 2, 1, 100),
          containersPerService: whole('world.containersPerService', size.containersPerService, 2, 1, 1000),
          failureRate,
          actionHistory: whole('actionHistory', options.actionHistory, 100, 0),
        };

  const ping = options.pingInterval ?? 25_000;
  let pingInterval = 0;
  if (ping !== false && ping !== 0) {
    if (typeof ping !== 'number' || !Number.isFinite(ping) || ping < 10) fail('pingInterval', 'expected a number of ms >= 10, 0 or false');
    pingInterval = ping;
  }
  const maxConnections = options.maxConnectionsPerClient ?? 256;
  if (!(maxConnections === Infinity || (Number.isInteger(maxConnections) && maxConnections >= 1))) {
    fail('maxConnectionsPerClient', 'expected a whole number >= 1 or Infinity');
  }
  const timeouts = options.timeouts ?? {};
  if (typeof timeouts !== 'object' || timeouts === null) fail('timeouts', 'expected an object { request, idle, close }');
  // The most a Node timer can hold: a larger delay would fire at once.
  const MAX_TIMER = 2 ** 31 - 1;
  if (options.record !== undefined && (typeof options.record?.file !== 'string' || options.record.file === '')) fail('record.file', 'expected a file name');
  const dashboardOption = options.dashboard ?? false;
  let dashboard: DashboardAssets | undefined;
  if (dashboardOption !== false) {
    if (dashboardOption !== true && (typeof dashboardOption !== 'object' || dashboardOption === null)) fail('dashboard', 'expected true, false or { dir }');
    const dir = dashboardOption === true ? undefined : dashboardOption.dir;
    if (dir !== undefined && (typeof dir !== 'string' || dir === '')) fail('dashboard.dir', 'expected a folder name');
    dashboard = readDashboardAssets(dir);
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') fail('host', 'expected a host name or address');

  return {
    host,
    port: whole('port', options.port, 0, 0, 65535),
    mode,
    paused: options.paused === true,
    user,
    apiKey,
    namespace,
    accessKey,
    world,
    replayFile,
    maxConnectionsPerClient: maxConnections,
    maxConnections: whole('maxConnections', options.maxConnections, 1024, 1),
    timeouts: {
      request: whole('timeouts.request', timeouts.request, 10_000, 1, MAX_TIMER),
      idle: whole('timeouts.idle', timeouts.idle, 5_000, 1, MAX_TIMER),
      close: whole('timeouts.close', timeouts.close, 5_000, 1, MAX_TIMER),
    },
    maxPayload: whole('maxPayload', options.maxPayload, 64 * 1024, 1, 1 << 30),
    pingInterval,
    inBandAuthErrors: options.inBandAuthErrors === true,
    legacyTutumEvents: options.legacyTutumEvents === true,
    highWaterMark: whole('highWaterMark', options.highWaterMark, 1024 * 1024, 1, 1 << 30),
    recordFile: options.record?.file,
    dashboard,
  };
}
