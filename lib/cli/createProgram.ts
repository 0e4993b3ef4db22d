import { Command, Option } from 'commander';
import { RESOURCE_TYPES } from '../model/vocabulary.js';
import type { CliIo } from './CliIo.js';
import { runDemo } from './commands/runDemo.js';
import { runEmulate } from './commands/runEmulate.js';
import { runEvents } from './commands/runEvents.js';
import { runRelay } from './commands/runRelay.js';
import { runReplay } from './commands/runReplay.js';
import type { ExitCode } from './ExitCode.js';
import {
  collectTypes,
  collectUris,
  nonNegativeInteger,
  positiveInteger,
  probability,
  rate,
  secondsOrZero,
  seconds,
  seed,
  speed,
} from './optionParsers.js';

const ENVIRONMENT_HELP = `
Environment (credentials are read from here only, as the official SDKs read them):
  DOCKERCLOUD_USER, DOCKERCLOUD_APIKEY   user and API key (DOCKERCLOUD_PASS instead of the key)
  DOCKERCLOUD_AUTH                       a verbatim Authorization value (wins over user and key)
  DOCKERCLOUD_NAMESPACE                  the namespace, unless --namespace
  DOCKERCLOUD_STREAM_HOST                the stream host, unless --url (or DOCKERCLOUD_STREAM_URL)
  NO_COLOR, FORCE_COLOR                  colours off / on

Exit codes: 0 done or stopped (Ctrl-C, SIGTERM), 1 fatal error, 2 usage, 3 credentials missing
or refused, 124 --timeout before --count events.`;

const EVENTS_EXAMPLES = `
Examples:
  $ dockercloud-rx events
  $ dockercloud-rx events --type container,service --parent /api/app/v1/acme/service/5bcf0d3c-…/
  $ dockercloud-rx events --json --count 100 > events.jsonl`;

function typeOption(where: string): Option {
  return new Option(
    '--type <types>',
    `event types to keep (repeatable or comma-separated): ${RESOURCE_TYPES.join(', ')}; ${where}`,
  ).argParser(collectTypes);
}

function objectOption(where: string): Option {
  return new Option('--object <uris>', `resource URIs to keep (repeatable or comma-separated); ${where}`).argParser(collectUris);
}

function parentOption(where: string): Option {
  return new Option('--parent <uris>', `keep the children of these resource URIs (repeatable or comma-separated); ${where}`).argParser(
    collectUris,
  );
}

/**
 * The `dockercloud-rx` command line: `events`, `emulate`, `replay FILE` and `demo`, with their
 * options, help and usage errors (commander). Each command's action reports its exit code to
 * `done`. Usage errors and `--help` throw a `CommanderError` (`exitOverride`) instead of
 * exiting the process: {@link runCli} turns them into exit codes.
 *
 * @param version - What `--version` prints; without it there is no `--version`.
 *
 * @example
 * ```ts
 * let code = 0;
 * await createProgram(processIo(), (c) => (code = c)).parseAsync(process.argv);
 * ```
 */
export function createProgram(io: CliIo, done: (code: ExitCode) => void, version?: string): Command {
  const program = new Command('dockercloud-rx')
    .description('The Docker Cloud / Tutum events stream on the command line, and a local emulator of Docker Cloud.')
    .option('--color', 'colours, even when the output is not a terminal')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) });
  if (version !== undefined) program.version(version, '-V, --version', 'print the version');
  const color = (command: Command): boolean | undefined => command.optsWithGlobals<{ color?: boolean }>().color;

  program
    .command('events')
    .description('print the live events stream, as columns or JSON lines (credentials from the environment only)')
    .addOption(typeOption('sent as the server-side filter'))
    .addOption(objectOption('sent as the server-side filter'))
    .addOption(parentOption('sent as the server-side filter'))
    .option('--namespace <namespace>', 'the namespace (user or organisation) to stream; else DOCKERCLOUD_NAMESPACE')
    .option('--url <url>', 'the stream host; else DOCKERCLOUD_STREAM_HOST or DOCKERCLOUD_STREAM_URL, else wss://ws.cloud.docker.com')
    .option('--tutum', 'speak the legacy Tutum protocol (/v1/events, query auth); filters then apply on the client')
    .option('--json', 'one JSON object per line (the decoded event) instead of columns')
    .option('--ids', 'short ids instead of names (names are read over REST, once per resource)')
    .option('--rest-url <url>', 'the REST host names are read from; else DOCKERCLOUD_REST_HOST, else the stream host’s')
    .addOption(new Option('-n, --count <n>', 'exit (0) after this many events').argParser(positiveInteger))
    .addOption(
      new Option('--timeout <seconds>', 'stop after this long: exit 0, or 124 if --count events have not all come').argParser(seconds),
    )
    .addOption(
      new Option('--max-attempts <n>', 'give up (exit 1) after this many failed connection attempts in a row; default: never').argParser(
        positiveInteger,
      ),
    )
    .option('--utc', 'times in UTC instead of local time')
    .option('-q, --quiet', 'no connection status on stderr (errors are still printed)')
    .option(
      '--nats <url>',
      'read the events a `relay` publishes to NATS JetStream instead of the websocket (needs @nats-io/transport-node and @nats-io/jetstream)',
    )
    .option('--durable <name>', 'with --nats: a durable consumer, which resumes where it stopped')
    .option('--stream <name>', 'with --nats: the JetStream stream (default DOCKERCLOUD)')
    .addHelpText('after', `${EVENTS_EXAMPLES}\n${ENVIRONMENT_HELP}`)
    .action(async (options: Parameters<typeof runEvents>[0], command: Command) => {
      done(await runEvents({ ...options, color: color(command) }, io));
    });

  program
    .command('relay')
    .description('relay the stream, with resync, into NATS JetStream until Ctrl-C or SIGTERM (credentials from the environment only)')
    .requiredOption('--nats <url>', 'the NATS server (nats://host:4222; credentials in it are never printed)')
    .option('--stream <name>', 'the JetStream stream, created when missing (default DOCKERCLOUD)')
    .option('--namespace <namespace>', 'the namespace (user or organisation) to relay; else DOCKERCLOUD_NAMESPACE')
    .option('--url <url>', 'the stream host; else DOCKERCLOUD_STREAM_HOST or DOCKERCLOUD_STREAM_URL, else wss://ws.cloud.docker.com')
    .option('--rest-url <url>', 'the REST host; else DOCKERCLOUD_REST_HOST, else https://cloud.docker.com')
    .option('-q, --quiet', 'no status on stderr (errors are still printed)')
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (options: Parameters<typeof runRelay>[0], command: Command) => {
      done(await runRelay({ ...options, color: color(command) }, io));
    });

  program
    .command('emulate')
    .description('run the Docker Cloud emulator and print the DOCKERCLOUD_* settings that reach it; Ctrl-C stops it')
    .option('--host <host>', 'the interface to listen on (default 127.0.0.1)')
    .addOption(new Option('-p, --port <port>', 'the port (default: a free one)').argParser(nonNegativeInteger))
    .addOption(new Option('--seed <seed>', 'the seed of the simulation (default 1): the same seed, the same events').argParser(seed))
    .addOption(new Option('--rate <rate>', 'events per second, or "max" (default 10)').argParser(rate))
    .option('--paused', 'start paused: nothing is emitted (REST answers)')
    .option('--user <user>', 'the account name (default "emulator")')
    .option('--namespace <namespace>', 'the namespace of the world (default: the user)')
    .addOption(new Option('--node-clusters <n>', 'node clusters (default 1)').argParser(positiveInteger))
    .addOption(new Option('--nodes-per-cluster <n>', 'nodes per cluster at start (default 3)').argParser(positiveInteger))
    .addOption(new Option('--stacks <n>', 'stacks at start, and the number aimed for (default 3)').argParser(nonNegativeInteger))
    .addOption(new Option('--services-per-stack <n>', 'services per stack (default 2)').argParser(positiveInteger))
    .addOption(new Option('--containers-per-service <n>', 'containers per service (default 2)').argParser(positiveInteger))
    .addOption(new Option('--failure-rate <p>', 'probability that a container fails to start (default 0.05)').argParser(probability))
    .option('--start-time <iso>', 'the simulated clock at start (default 2016-02-01T16:00:00Z)')
    .addOption(
      new Option('--ping-interval <seconds>', 'how often the server pings each connection; 0: never (default 25)').argParser(secondsOrZero),
    )
    .addOption(
      new Option('--max-connections-per-client <n>', 'open streams per client address before 429 (default 256)').argParser(positiveInteger),
    )
    .option('--in-band-auth-errors', 'refuse bad credentials in-band (an UNAUTHORIZED message, then close), as early servers did')
    .option('--legacy-tutum-events', 'Tutum-shaped events on /v1/events (no namespace, "date", no uuid)')
    .option('--record <file>', 'record every event to this file (JSON lines, for replay)')
    .option('--replay <file>', 'serve a recording instead of simulating')
    .addOption(new Option('--replay-speed <speed>', '"recorded" (default), "max", or a factor').argParser(speed))
    .option('--dashboard', 'serve the live dashboard at http://HOST:PORT/dashboard/ (its URL is printed, without credentials)')
    .option('-q, --quiet', 'no connection log on stderr')
    .action(async (options: Parameters<typeof runEmulate>[0], command: Command) => {
      done(await runEmulate({ ...options, color: color(command) }, io));
    });

  program
    .command('replay')
    .description("print a recording (the emulator's JSON lines) as `events` prints the live stream")
    .argument('<file>', 'the recording')
    .addOption(
      new Option('--speed <speed>', '"recorded" (the recorded gaps, default), "max", or a factor (2: twice as fast)').argParser(speed),
    )
    .addOption(typeOption('applied on the client'))
    .addOption(objectOption('applied on the client'))
    .addOption(parentOption('applied on the client'))
    .option('--json', 'one JSON object per line (the decoded event) instead of columns')
    .addOption(new Option('-n, --count <n>', 'exit (0) after this many events').argParser(positiveInteger))
    .option('--utc', 'times in UTC instead of local time')
    .option('-q, --quiet', 'no status on stderr')
    .action(async (file: string, options: Parameters<typeof runReplay>[1], command: Command) => {
      done(await runReplay(file, { ...options, color: color(command) }, io));
    });

  program
    .command('demo')
    .description('run the emulator in this process and a live pipeline of the library against it (npm start)')
    .addOption(
      new Option(
        '--duration <seconds>',
        'stop after this long; default: Ctrl-C at a terminal, 20 s when CI is set or stdout is not a terminal',
      ).argParser(seconds),
    )
    .addOption(new Option('--seed <seed>', 'the seed of the emulator (default 1)').argParser(seed))
    .addOption(new Option('--rate <rate>', 'events per second, or "max" (default 10)').argParser(rate))
    .addOption(
      new Option('--drop-every <seconds>', 'make the emulator drop the connection this often; 0: never (default 10)').argParser(
        secondsOrZero,
      ),
    )
    .addOption(
      new Option(
        '--bad-frame-every <events>',
        'make the emulator send a malformed frame after this many events; 0: never (default 40)',
      ).argParser(nonNegativeInteger),
    )
    .option('--utc', 'times in UTC instead of local time')
    .option('-q, --quiet', 'no connection status on stderr')
    .action(async (options: Parameters<typeof runDemo>[0], command: Command) => {
      done(await runDemo({ ...options, color: color(command) }, io));
    });

  return program;
}
