import { firstValueFrom } from 'rxjs';
import type { EmulatorOptions } from '../../emulator/EmulatorOptions.js';
import { startEmulator } from '../../emulator/startEmulator.js';
import type { CliIo } from '../CliIo.js';
import { describeFailure } from '../describeFailure.js';
import { ExitCode } from '../ExitCode.js';
import { formatConnectionChange } from '../formatConnectionChange.js';
import { formatExports } from '../formatExports.js';
import { emulateOptionName, inCliTerms } from '../optionVocabulary.js';
import { stopRequests } from '../stopRequests.js';
import { Terminal } from '../Terminal.js';

/** The options of `dockercloud-rx emulate`, as parsed. */
export interface EmulateCommandOptions {
  /** `--host`. Default 127.0.0.1. */
  readonly host?: string;
  /** `--port`. Default 0 (a free port). */
  readonly port?: number;
  /** `--seed`. Default 1. */
  readonly seed?: number | string;
  /** `--rate`: events per second or `max`. Default 10. */
  readonly rate?: number | 'max';
  /** `--paused`: emit nothing (a client can still connect; REST answers). */
  readonly paused?: boolean;
  /** `--user`. Default `emulator`. */
  readonly user?: string;
  /** `--namespace`. Default: the user. */
  readonly namespace?: string;
  /** `--node-clusters`. */
  readonly nodeClusters?: number;
  /** `--nodes-per-cluster`. */
  readonly nodesPerCluster?: number;
  /** `--stacks`. */
  readonly stacks?: number;
  /** `--services-per-stack`. */
  readonly servicesPerStack?: number;
  /** `--containers-per-service`. */
  readonly containersPerService?: number;
  /** `--failure-rate`. */
  readonly failureRate?: number;
  /** `--start-time`: the simulated clock's start (ISO 8601). */
  readonly startTime?: string;
  /** `--ping-interval`, in ms; 0 disables. */
  readonly pingInterval?: number;
  /** `--max-connections-per-client`. */
  readonly maxConnectionsPerClient?: number;
  /** `--in-band-auth-errors`. */
  readonly inBandAuthErrors?: boolean;
  /** `--legacy-tutum-events`. */
  readonly legacyTutumEvents?: boolean;
  /** `--record FILE`. */
  readonly record?: string;
  /** `--replay FILE`: serve a recording instead of simulating. */
  readonly replay?: string;
  /** `--replay-speed`. */
  readonly replaySpeed?: 'recorded' | 'max' | number;
  /** `--dashboard`: serve the live dashboard at /dashboard/. */
  readonly dashboard?: boolean;
  /** `--quiet`: no connection log on stderr. */
  readonly quiet?: boolean;
  /** `--color` / `--no-color`. */
  readonly color?: boolean;
}

function emulatorOptions(o: EmulateCommandOptions): EmulatorOptions {
  const world: Record<string, number> = {};
  if (o.nodeClusters !== undefined) world['nodeClusters'] = o.nodeClusters;
  if (o.nodesPerCluster !== undefined) world['nodesPerCluster'] = o.nodesPerCluster;
  if (o.stacks !== undefined) world['stacks'] = o.stacks;
  if (o.servicesPerStack !== undefined) world['servicesPerStack'] = o.servicesPerStack;
  if (o.containersPerService !== undefined) world['containersPerService'] = o.containersPerService;
  if (o.failureRate !== undefined) world['failureRate'] = o.failureRate;
  const options: { -readonly [K in keyof EmulatorOptions]: EmulatorOptions[K] } = { world };
  if (o.host !== undefined) options.host = o.host;
  if (o.port !== undefined) options.port = o.port;
  if (o.seed !== undefined) options.seed = o.seed;
  if (o.rate !== undefined) options.rate = o.rate;
  if (o.paused === true) options.paused = true;
  if (o.user !== undefined) options.user = o.user;
  if (o.namespace !== undefined) options.namespace = o.namespace;
  if (o.startTime !== undefined) options.startTime = o.startTime;
  if (o.pingInterval !== undefined) options.pingInterval = o.pingInterval;
  if (o.maxConnectionsPerClient !== undefined) options.maxConnectionsPerClient = o.maxConnectionsPerClient;
  if (o.inBandAuthErrors === true) options.inBandAuthErrors = true;
  if (o.legacyTutumEvents === true) options.legacyTutumEvents = true;
  if (o.record !== undefined) options.record = { file: o.record };
  if (o.dashboard === true) options.dashboard = true;
  if (o.replay !== undefined) options.replay = { file: o.replay, ...(o.replaySpeed !== undefined ? { speed: o.replaySpeed } : {}) };
  return options;
}

function description(o: EmulateCommandOptions): string {
  if (o.replay !== undefined) return `replaying ${o.replay} at speed ${o.replaySpeed ?? 'recorded'}`;
  const rate = o.rate ?? 10;
  return `seed ${o.seed ?? 1}, ${rate === 'max' ? 'as fast as clients read' : `${rate} events/s`}${o.paused === true ? ', paused' : ''}`;
}

/**
 * `dockercloud-rx emulate`: starts the emulator, prints where it listens and its credentials
 * as `export DOCKERCLOUD_…=…` lines on stdout (with `--dashboard`, the dashboard's URL too,
 * which holds no credential), logs connections on stderr, and runs until
 * SIGINT or SIGTERM; then it flushes a recording and stops (every connection is closed with
 * 1001). Resolves with the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runEmulate({ port: 8080, seed: 42 }, processIo());
 * ```
 */
export async function runEmulate(options: EmulateCommandOptions, io: CliIo): Promise<ExitCode> {
  const terminal = new Terminal(io, { color: options.color, quiet: options.quiet });
  try {
    let emulator;
    try {
      emulator = await startEmulator(emulatorOptions(options));
    } catch (error) {
      const failure = describeFailure(error);
      terminal.error(inCliTerms(error, emulateOptionName) ?? failure.message);
      return failure.code;
    }
    for (const line of formatExports(emulator, description(options))) terminal.line(line);
    // The emulator says when a connection opens or closes: every one is logged, however brief.
    const log = emulator.connectionChanges.subscribe((change) => {
      const line = formatConnectionChange(change, terminal.err);
      if (line !== undefined) terminal.status(line);
    });
    const reason = await firstValueFrom(stopRequests(io));
    log.unsubscribe();
    terminal.status(terminal.err.dim(`● ${reason === 'EPIPE' ? 'stdout closed' : reason}: stopping`));
    const recording = emulator.recording.active ? await emulator.recording.stop() : undefined;
    const { eventsEmitted, connectionsAccepted } = emulator.stats();
    await emulator.stop();
    const recorded = recording?.file === undefined ? '' : `, recorded ${recording.count} events to ${recording.file}`;
    terminal.status(terminal.err.dim(`● stopped: ${eventsEmitted} events emitted, ${connectionsAccepted} connections accepted${recorded}`));
    return ExitCode.ok;
  } finally {
    terminal.dispose();
  }
}
