import { merge, takeUntil } from 'rxjs';
import type { ResourceType } from '../../model/ResourceType.js';
import { RESOURCE_TYPES } from '../../model/vocabulary.js';
import { readEnvironment } from '../../node/readEnvironment.js';
import { watchResources } from '../../node/watchResources.js';
import type { StreamStatus } from '../../stream/StreamStatus.js';
import type { CliIo } from '../CliIo.js';
import { CREDENTIALS_HINT, describeFailure } from '../describeFailure.js';
import { ExitCode } from '../ExitCode.js';
import { secretsOf } from '../scrubSecrets.js';
import { StatusReporter } from '../StatusReporter.js';
import { stopRequests } from '../stopRequests.js';
import { Terminal } from '../Terminal.js';

/** The options of `dockercloud-rx relay`, as parsed. Credentials are never among them. */
export interface RelayCommandOptions {
  /** `--nats`: the NATS server URL (credentials in it are never printed). */
  readonly nats: string;
  /** `--stream`: the JetStream stream; default `DOCKERCLOUD`. */
  readonly stream?: string;
  /** `--url`: the stream host; else `DOCKERCLOUD_STREAM_HOST` / `DOCKERCLOUD_STREAM_URL`. */
  readonly url?: string;
  /** `--rest-url`: the REST host; else `DOCKERCLOUD_REST_HOST`. */
  readonly restUrl?: string;
  /** `--namespace`; else `DOCKERCLOUD_NAMESPACE`. */
  readonly namespace?: string;
  /** `--quiet`: no status lines. */
  readonly quiet?: boolean;
  /** `--color` / `--no-color`. */
  readonly color?: boolean;
}

/** What the command says when the optional NATS client packages are not installed. */
export const NATS_CLIENT_HINT = 'the NATS client is not installed: npm install @nats-io/transport-node @nats-io/jetstream';

/** The jetstream entry, loaded only by the commands that use NATS: its packages are optional. */
export async function loadJetstream(): Promise<typeof import('../../jetstream/index.js') | undefined> {
  try {
    return await import('../../jetstream/index.js');
  } catch {
    return undefined;
  }
}

const STREAM_KINDS = new Set<string>(['connecting', 'open', 'authenticated', 'rejected', 'reconnecting', 'closed']);

/**
 * `dockercloud-rx relay`: one upstream connection with resync (`watchResources`, every kind),
 * every event published to NATS JetStream (`publishEvents`) until SIGINT or SIGTERM; statuses
 * on stderr, scrubbed of the credentials, NATS URLs redacted. Run two per account for high
 * availability: JetStream stores each event once.
 *
 * @example
 * ```ts
 * process.exitCode = await runRelay({ nats: 'nats://127.0.0.1:4222' }, processIo());
 * ```
 */
export async function runRelay(options: RelayCommandOptions, io: CliIo): Promise<ExitCode> {
  const secrets = secretsOf(io.env);
  const terminal = new Terminal(io, { color: options.color, quiet: options.quiet, secrets });
  const reporter = new StatusReporter(terminal);
  try {
    if (readEnvironment(io.env, 'dockercloud').auth === undefined) {
      terminal.error(`no credentials: ${CREDENTIALS_HINT}`);
      return ExitCode.auth;
    }
    const jetstream = await loadJetstream();
    if (jetstream === undefined) {
      terminal.error(NATS_CLIENT_HINT);
      return ExitCode.failure;
    }
    let published = 0;
    let duplicates = 0;
    let relay;
    try {
      const events = watchResources({
        kinds: [...RESOURCE_TYPES] as [ResourceType, ...ResourceType[]],
        url: options.url,
        restUrl: options.restUrl,
        namespace: options.namespace,
        env: io.env,
        status: (status) => {
          if (STREAM_KINDS.has(status.kind)) reporter.report(status as StreamStatus);
          else if (status.kind === 'synced') terminal.status(`synced: ${status.resources} resources, ${status.changes} changes`);
          else if (status.kind === 'list-failed')
            terminal.status(`listing ${status.resourceKind} failed (${status.error.message}), again in ${status.delay} ms`);
        },
      }).events;
      relay = events.pipe(
        jetstream.publishEvents({
          servers: options.nats,
          ...(options.stream !== undefined ? { stream: options.stream } : {}),
          status: (status) => {
            if (status.kind === 'connected')
              terminal.status(
                `nats: connected to ${status.servers.join(', ')}, stream ${status.stream}${status.created ? ' (created)' : ''}`,
              );
            else if (status.kind === 'connecting') terminal.status(`nats: connecting to ${status.servers.join(', ')}`);
            else if (status.kind === 'retrying')
              terminal.status(`nats: ${status.reason}; again in ${status.delay} ms (${status.counters.pending} events waiting)`);
            else
              terminal.status(`nats: closed, ${status.counters.published} events published, ${status.counters.duplicates} already stored`);
          },
        }),
      );
    } catch (error) {
      const failure = describeFailure(error);
      terminal.error(failure.message);
      return failure.code;
    }
    const stop$ = merge(stopRequests(io));
    return await new Promise<ExitCode>((resolve) => {
      relay.pipe(takeUntil(stop$)).subscribe({
        next: (receipt) => {
          if (receipt.duplicate) duplicates += 1;
          else published += 1;
        },
        error: (error: unknown) => {
          const failure = describeFailure(error);
          terminal.error(failure.message);
          resolve(failure.code);
        },
        complete: () => {
          terminal.status(`stopped: ${published} events published, ${duplicates} already stored`);
          resolve(ExitCode.ok);
        },
      });
    });
  } finally {
    reporter.dispose();
    terminal.dispose();
  }
}
