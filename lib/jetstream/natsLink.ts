import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { redactUrl } from '../credentials/redactUrl.js';
import { StreamOptionsError } from '../errors/StreamOptionsError.js';
import { checkOption } from '../options/checkOption.js';
import type { Fail, OptionShape, OptionSpec } from '../options/OptionCheck.js';
import { resolveRetry } from '../stream/resolveRetry.js';
import type { NatsTarget } from './NatsTarget.js';

/** A connection with its JetStream clients; `owned` when made here, so closed here. @internal */
export interface NatsLink {
  readonly connection: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly owned: boolean;
}

/** The target's settings with their defaults. @internal */
export interface TargetConfig {
  readonly servers: readonly string[];
  readonly connection: NatsConnection | undefined;
  readonly stream: string;
  readonly subjectPrefix: string;
  readonly retry: { readonly baseDelay: number; readonly maxDelay: number; readonly maxAttempts: number };
  readonly random: () => number;
}

/** A stream name NATS accepts: no `.`, `*`, `>`, whitespace or path separator. */
const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Dot-separated literal tokens. */
const SUBJECT_PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

const fail: Fail = (option, message) => {
  throw new StreamOptionsError(`Invalid option ${option}: ${message}`, { option });
};

const servers: OptionSpec = (value, path, failWith) => {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (list === undefined || list.length === 0 || list.some((url) => typeof url !== 'string' || url === '')) {
    failWith(path, 'expected a server URL or a non-empty array of them');
  }
};

/** The options every entry of dockercloud-rx/jetstream shares, as a schema. @internal */
export const TARGET_SHAPE: OptionShape = {
  servers,
  connection: 'object',
  stream: STREAM_NAME,
  subjectPrefix: SUBJECT_PREFIX,
  retry: { baseDelay: 1, maxDelay: 1, maxAttempts: 1 },
  random: 'function',
};

/**
 * Checks `options` against `shape` (which holds {@link TARGET_SHAPE}'s keys and more) and
 * resolves the target's defaults; throws a `StreamOptionsError` naming the option at fault.
 *
 * @internal
 * @example
 * ```ts
 * resolveTarget({ servers: 'nats://127.0.0.1:4222' }, TARGET_SHAPE).stream; // 'DOCKERCLOUD'
 * ```
 */
export function resolveTarget(options: NatsTarget, shape: OptionShape): TargetConfig {
  checkOption(shape, options, '', fail, true);
  if ((options.servers === undefined) === (options.connection === undefined))
    fail('servers', 'give servers or connection, not both, and not neither');
  return {
    servers: options.servers === undefined ? [] : typeof options.servers === 'string' ? [options.servers] : [...options.servers],
    connection: options.connection,
    stream: options.stream ?? 'DOCKERCLOUD',
    subjectPrefix: options.subjectPrefix ?? 'dockercloud',
    retry: resolveRetry(options.retry, fail),
    random: options.random ?? Math.random,
  };
}

/** The servers as they can be reported: redacted. @internal */
export function reportedServers(config: TargetConfig): readonly string[] {
  if (config.connection !== undefined) return [redactUrl(config.connection.getServer())];
  return config.servers.map(redactUrl);
}

/**
 * What went wrong, as it can be reported: the error's message with every URL's credentials
 * and query values redacted, and the servers' URLs themselves replaced by their redacted form.
 *
 * @internal
 * @example
 * ```ts
 * describeFailure(error, config); // 'CONNECTION_REFUSED'
 * ```
 */
export function describeFailure(error: unknown, config: TargetConfig): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const server of config.servers) if (server !== '') text = text.split(server).join(redactUrl(server));
  return redactUrl(text).slice(0, 300);
}

/**
 * Opens the link: the caller's connection, or a new one that reconnects by itself for ever
 * (the library's backoff only covers the connections that never open).
 *
 * @internal
 * @example
 * ```ts
 * const link = await openLink(config, 'dockercloud-rx relay');
 * ```
 */
export async function openLink(config: TargetConfig, name: string): Promise<NatsLink> {
  const owned = config.connection === undefined;
  const connection =
    config.connection ?? (await connect({ servers: [...config.servers], name, maxReconnectAttempts: -1, reconnectTimeWait: 500 }));
  try {
    const jsm = await jetstreamManager(connection);
    return { connection, js: jetstream(connection), jsm, owned };
  } catch (error) {
    if (owned) await connection.close().catch(() => undefined);
    throw error;
  }
}

/** Closes the link's connection if it was made here; never throws. @internal */
export function closeLink(link: NatsLink | undefined): Promise<void> {
  if (link === undefined || !link.owned || link.connection.isClosed()) return Promise.resolve();
  return link.connection.close().catch(() => undefined);
}
