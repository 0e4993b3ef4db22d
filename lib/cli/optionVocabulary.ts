import { isEmulatorError } from '../emulator/EmulatorError.js';
import { isStreamOptionsError } from '../errors/StreamOptionsError.js';
import type { Environment } from '../node/readEnvironment.js';
import type { EventsCommandOptions } from './commands/runEvents.js';

/**
 * An option error of the library told in the words of the command line: the flag or the
 * environment variable the value came from (`Invalid --url: …`, `Invalid
 * DOCKERCLOUD_NAMESPACE: …`) instead of the option's path (`options.url`). `undefined` for
 * any other error, or an option the command line does not set.
 *
 * @param nameOf - The flag or variable of an option path (indexes left out: `filter.type`).
 *
 * @example
 * ```ts
 * terminal.error(inCliTerms(error, (option) => (option === 'url' ? '--url' : undefined)) ?? describeFailure(error).message);
 * ```
 */
export function inCliTerms(error: unknown, nameOf: (option: string) => string | undefined): string | undefined {
  const option = isStreamOptionsError(error) || (isEmulatorError(error) && error.kind === 'options') ? error.option : undefined;
  const name = option === undefined ? undefined : nameOf(option.replace(/\[\d+\]/g, ''));
  if (name === undefined) return undefined;
  const message = (error as Error).message;
  const prefix = `Invalid option ${option}: `;
  return `Invalid ${name}: ${message.startsWith(prefix) ? message.slice(prefix.length) : message}`;
}

const set = (env: Environment, name: string): boolean => (env[name] ?? '').trim() !== '';

/**
 * Where each option of `streamEvents` came from in `dockercloud-rx events`: its flag, or the
 * `DOCKERCLOUD_*` variable it was read from.
 *
 * @example
 * ```ts
 * eventsOptionName({ url: 'ftp://x' }, {})('url'); // '--url'
 * eventsOptionName({}, { DOCKERCLOUD_NAMESPACE: '..' })('namespace'); // 'DOCKERCLOUD_NAMESPACE'
 * ```
 */
export function eventsOptionName(options: EventsCommandOptions, env: Environment): (option: string) => string | undefined {
  const names: Readonly<Record<string, string>> = {
    url: options.url !== undefined ? '--url' : set(env, 'DOCKERCLOUD_STREAM_HOST') ? 'DOCKERCLOUD_STREAM_HOST' : 'DOCKERCLOUD_STREAM_URL',
    namespace: options.namespace !== undefined ? '--namespace' : 'DOCKERCLOUD_NAMESPACE',
    dialect: '--tutum',
    'filter.type': '--type',
    'filter.object': '--object',
    'filter.parent': '--parent',
    'retry.maxAttempts': '--max-attempts',
    auth: 'credentials (DOCKERCLOUD_USER and DOCKERCLOUD_APIKEY, or DOCKERCLOUD_AUTH)',
    'auth.in': 'credentials (DOCKERCLOUD_USER and DOCKERCLOUD_APIKEY, or DOCKERCLOUD_AUTH)',
    'auth.user': 'DOCKERCLOUD_USER',
    'auth.apiKey': set(env, 'DOCKERCLOUD_APIKEY') ? 'DOCKERCLOUD_APIKEY' : 'DOCKERCLOUD_PASS',
    'auth.authorization': 'DOCKERCLOUD_AUTH',
  };
  return (option) => names[option];
}

/** The flags of `emulate` whose name is not the option's own in kebab case. */
const EMULATE_FLAGS: Readonly<Record<string, string>> = {
  'replay.file': '--replay',
  'replay.speed': '--replay-speed',
  'record.file': '--record',
};

/**
 * The flag of `dockercloud-rx emulate` that set an option of `startEmulator`: `world.stacks`
 * is `--stacks`, `maxConnectionsPerClient` is `--max-connections-per-client`.
 *
 * @example
 * ```ts
 * emulateOptionName('world.nodeClusters'); // '--node-clusters'
 * ```
 */
export function emulateOptionName(option: string): string {
  return EMULATE_FLAGS[option] ?? `--${option.replace(/^world\./, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
