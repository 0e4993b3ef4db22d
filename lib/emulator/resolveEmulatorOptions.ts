import { checkOption, MAX_TIMER } from '../options/checkOption.js';
import { describeValue } from '../options/describeValue.js';
import type { OptionCheck, OptionShape } from '../options/OptionCheck.js';
import { NAMESPACE } from '../stream/streamOptionsShape.js';
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
  throw new EmulatorError(`Invalid option ${option}: ${message}`, { kind: 'options', option });
}

/** A whole number from `min` to `max`. */
function whole(min: number, max = 1_000_000): OptionCheck {
  return (v, path, fail) => {
    if (!(Number.isInteger(v) && (v as number) >= min && (v as number) <= max))
      fail(path, `expected a whole number from ${min} to ${max}, got ${describeValue(v)}`);
  };
}

/** A check of its own, with the message it fails with. */
function test(what: string, ok: (v: unknown) => boolean): OptionCheck {
  return (v, path, fail) => {
    if (!ok(v)) fail(path, `expected ${what}, got ${describeValue(v)}`);
  };
}

const KEY = /^[\x21-\x7e]+$/;
const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;
const file = { file: /./ };

/** The options of `startEmulator`, each with its spec: any other key is an error. */
const EMULATOR_OPTIONS: OptionShape = {
  host: /^\S+$/,
  port: whole(0, 65535),
  seed: test('a number or a string', (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))),
  rate: (v) => void rateMode(v as EmulatorRate),
  paused: 'boolean',
  user: /^[\w.@+-]+$/,
  // Test credentials, but credentials: never shown in a message.
  apiKey: (v, path, fail) => checkOption(KEY, v, path, fail, true),
  namespace: NAMESPACE,
  accessKey: (v, path, fail) => checkOption(KEY, v, path, fail, true),
  world: {
    nodeClusters: whole(1, 100),
    nodesPerCluster: whole(1, 1000),
    stacks: whole(0, 10_000),
    servicesPerStack: whole(1, 100),
    containersPerService: whole(1, 1000),
    failureRate: test('a probability from 0 to 1', (v) => typeof v === 'number' && v >= 0 && v <= 1),
  },
  startTime: test('an ISO 8601 date or a valid Date', (v) =>
    Number.isFinite(v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN)),
  actionHistory: whole(0),
  maxConnectionsPerClient: test('a whole number >= 1 or Infinity', (v) => v === Infinity || (Number.isInteger(v) && (v as number) >= 1)),
  maxConnections: whole(1),
  timeouts: { request: whole(1, MAX_TIMER), idle: whole(1, MAX_TIMER), close: whole(1, MAX_TIMER) },
  maxPayload: whole(1, 1 << 30),
  pingInterval: test('a number of ms from 10 to 2147483647, 0 or false', (v) =>
    v === false || v === 0 || (typeof v === 'number' && v >= 10 && v <= MAX_TIMER)),
  inBandAuthErrors: 'boolean',
  legacyTutumEvents: 'boolean',
  highWaterMark: whole(1, 1 << 30),
  record: file,
  replay: { ...file, speed: test("'recorded', 'max' or a speed factor > 0", (v) => v === 'recorded' || v === 'max' || positive(v)) },
  dashboard: (v, path, fail) => (typeof v === 'boolean' ? undefined : checkOption({ dir: /./ }, v, path, fail)),
};

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
  checkOption(EMULATOR_OPTIONS, options, '', fail);
  const seedOption = options.seed ?? 1;
  const seed = seedOf(typeof seedOption === 'number' ? Math.trunc(seedOption) : seedOption);
  // The default keys come from their own generator, so that they never shift the world's draws.
  const keys = createRandom(seed ^ 0x5bd1e995);
  const user = options.user ?? 'emulator';
  const apiKey = options.apiKey ?? keys.hex(32);
  const accessKey = options.accessKey ?? keys.hex(40);
  const namespace = options.namespace ?? user;
  // A user name may hold "@" or "+", which the namespace grammar refuses: then say so.
  if (!NAMESPACE.test(namespace)) fail('namespace', `the user ${JSON.stringify(user)} is no namespace: set namespace`);

  const startTime =
    options.startTime === undefined
      ? Date.parse('2016-02-01T16:00:00Z')
      : options.startTime instanceof Date
        ? options.startTime.getTime()
        : Date.parse(options.startTime);

  const size = options.world ?? {};
  const replay = options.replay;
  let mode = rateMode(options.rate ?? 10);
  let replayFile: string | undefined;
  if (replay !== undefined) {
    if (replay.file === undefined) fail('replay.file', 'expected a file name');
    replayFile = replay.file;
    const speed = replay.speed ?? 'recorded';
    mode = speed === 'max' ? { kind: 'max' } : { kind: 'recorded', speed: speed === 'recorded' ? 1 : speed };
  }
  const world: WorldConfig | undefined =
    replay !== undefined
      ? undefined
      : {
          seed,
          namespace,
          user,
          startTime,
          nodeClusters: size.nodeClusters ?? 1,
          nodesPerCluster: size.nodesPerCluster ?? 3,
          stacks: size.stacks ?? 3,
          servicesPerStack: size.servicesPerStack ?? 2,
          containersPerService: size.containersPerService ?? 2,
          failureRate: size.failureRate ?? 0.05,
          actionHistory: options.actionHistory ?? 100,
        };

  const ping = options.pingInterval ?? 25_000;
  if (options.record !== undefined && options.record.file === undefined) fail('record.file', 'expected a file name');
  const dashboardOption = options.dashboard ?? false;
  let dashboard: DashboardAssets | undefined;
  if (dashboardOption !== false) dashboard = readDashboardAssets(dashboardOption === true ? undefined : dashboardOption.dir);

  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    mode,
    paused: options.paused === true,
    user,
    apiKey,
    namespace,
    accessKey,
    world,
    replayFile,
    maxConnectionsPerClient: options.maxConnectionsPerClient ?? 256,
    maxConnections: options.maxConnections ?? 1024,
    timeouts: {
      request: options.timeouts?.request ?? 10_000,
      idle: options.timeouts?.idle ?? 5_000,
      close: options.timeouts?.close ?? 5_000,
    },
    maxPayload: options.maxPayload ?? 64 * 1024,
    pingInterval: ping === false ? 0 : ping,
    inBandAuthErrors: options.inBandAuthErrors === true,
    legacyTutumEvents: options.legacyTutumEvents === true,
    highWaterMark: options.highWaterMark ?? 1024 * 1024,
    recordFile: options.record?.file,
    dashboard,
  };
}
