import { identity, map, merge, NEVER, take, takeUntil, tap, timer, type Observable } from 'rxjs';
import type { CloudEvent } from '../../model/CloudEvent.js';
import type { ResourceType } from '../../model/ResourceType.js';
import { readEnvironment } from '../../node/readEnvironment.js';
import { streamEvents } from '../../node/streamEvents.js';
import type { CliIo } from '../CliIo.js';
import { clientFilter, type CliFilter } from '../clientFilter.js';
import { CREDENTIALS_HINT, describeFailure } from '../describeFailure.js';
import { ExitCode } from '../ExitCode.js';
import { formatForTerminal } from '../formatForTerminal.js';
import { loadJetstream, NATS_CLIENT_HINT } from './runRelay.js';
import { eventsOptionName, inCliTerms } from '../optionVocabulary.js';
import { secretsOf } from '../scrubSecrets.js';
import { StatusReporter } from '../StatusReporter.js';
import { stopRequests, type StopRequest } from '../stopRequests.js';
import { Terminal } from '../Terminal.js';
import { createDetailsCache } from '../../node/createDetailsCache.js';
import { ResourceNames } from '../ResourceNames.js';

/** The options of `dockercloud-rx events`, as parsed. Credentials are never among them. */
export interface EventsCommandOptions {
  /** `--type`: event types, sent as the server-side filter `type`. */
  readonly type?: readonly ResourceType[];
  /** `--object`: resource URIs, sent as `object`. */
  readonly object?: readonly string[];
  /** `--parent`: resource URIs, sent as `parent`. */
  readonly parent?: readonly string[];
  /** `--namespace`; else `DOCKERCLOUD_NAMESPACE`. */
  readonly namespace?: string;
  /** `--url`: the stream host; else `DOCKERCLOUD_STREAM_HOST` / `DOCKERCLOUD_STREAM_URL`. */
  readonly url?: string;
  /** `--tutum`: the Tutum dialect (filters then apply on the client). */
  readonly tutum?: boolean;
  /** `--json`: one JSON object per line. */
  readonly json?: boolean;
  /** `--count`: stop after this many events. */
  readonly count?: number;
  /** `--timeout`: stop after this many ms. */
  readonly timeout?: number;
  /** `--max-attempts`: give up after this many failed connection attempts in a row. */
  readonly maxAttempts?: number;
  /** `--utc`: times in UTC. */
  readonly utc?: boolean;
  /** `--quiet`: no status lines. */
  readonly quiet?: boolean;
  /** `--color` / `--no-color`. */
  readonly color?: boolean;
  /** `--nats`: read from NATS JetStream (what `dockercloud-rx relay` publishes) instead of the websocket. */
  readonly nats?: string;
  /** `--durable`: with `--nats`, the durable consumer's name (resumes where it stopped). */
  readonly durable?: string;
  /** `--stream`: with `--nats`, the JetStream stream; default `DOCKERCLOUD`. */
  readonly stream?: string;
  /** `--ids`: short ids instead of names (no REST request is made). */
  readonly ids?: boolean;
  /** `--rest-url`: the REST host names are read from; else `DOCKERCLOUD_REST_HOST`, else derived from the stream host. */
  readonly restUrl?: string;
}

/** How long a line waits for the names of a resource seen for the first time, in ms. */
export const NAME_WAIT = 300;

function filterOf(options: EventsCommandOptions): CliFilter | undefined {
  const filter: { type?: readonly ResourceType[]; object?: readonly string[]; parent?: readonly string[] } = {};
  if (options.type !== undefined && options.type.length > 0) filter.type = options.type;
  if (options.object !== undefined && options.object.length > 0) filter.object = options.object;
  if (options.parent !== undefined && options.parent.length > 0) filter.parent = options.parent;
  return Object.keys(filter).length === 0 ? undefined : filter;
}

/**
 * `dockercloud-rx events`: the live stream on stdout, as aligned columns (or as JSON lines,
 * one decoded event each), statuses and the reconnection countdown on stderr. Credentials come from the
 * environment only, as the SDKs read them. Resolves with the exit code once the stream ends:
 * after `count` events, at `timeout`, on SIGINT/SIGTERM (the socket is closed with 1000), or
 * on a fatal error.
 *
 * Everything it prints, on stdout and stderr, plain or `--json`, is scrubbed of the
 * credentials and made terminal-safe (see `Terminal`): what a server sends is shown, never
 * acted on by the terminal. An event that cannot be printed (JSON nested too deep to
 * stringify) is reported and counted like a rejected frame, and the stream goes on.
 *
 * @example
 * ```ts
 * process.exitCode = await runEvents({ type: ['service'], count: 10 }, processIo());
 * ```
 * @see {@link ExitCode}
 */
export async function runEvents(options: EventsCommandOptions, io: CliIo): Promise<ExitCode> {
  const dialect = options.tutum === true ? 'tutum' : 'dockercloud';
  const secrets = secretsOf(io.env);
  const terminal = new Terminal(io, { color: options.color, quiet: options.quiet, secrets });
  const reporter = new StatusReporter(terminal);
  try {
    if (options.nats !== undefined) return await printFromNats(options, options.nats, io, terminal, reporter, secrets);
    if (readEnvironment(io.env, dialect).auth === undefined) {
      terminal.error(`no credentials: ${CREDENTIALS_HINT}`);
      return ExitCode.auth;
    }
    const filter = filterOf(options);
    let events$: Observable<CloudEvent>;
    try {
      events$ = streamEvents({
        dialect,
        url: options.url,
        namespace: options.namespace,
        env: io.env,
        // Tutum has no server-side filters: there the operators filter instead, below.
        ...(filter !== undefined && dialect === 'dockercloud' ? { filter } : {}),
        ...(options.maxAttempts !== undefined ? { retry: { maxAttempts: options.maxAttempts } } : {}),
        status: (status) => reporter.report(status),
      });
    } catch (error) {
      const failure = describeFailure(error);
      // An invalid value is named as the user gave it: a flag or a DOCKERCLOUD_* variable.
      terminal.error(inCliTerms(error, eventsOptionName(options, io.env)) ?? failure.message);
      return failure.code;
    }

    const names = resourceNames(options, io, dialect, terminal);
    return await print(events$, options, io, terminal, reporter, secrets, dialect === 'tutum' ? filter : undefined, names);
  } finally {
    reporter.dispose();
    terminal.dispose();
  }
}

/**
 * The names of the resources, read over REST from the same account (the details cache of the
 * Node entry, which reads the same `DOCKERCLOUD_*` settings), unless `--ids` or `--json` (which
 * prints the events as they came). `undefined`, with a status line saying why, when the REST host
 * cannot be told: ids are printed then.
 */
function resourceNames(
  options: EventsCommandOptions,
  io: CliIo,
  dialect: 'dockercloud' | 'tutum',
  terminal: Terminal,
): ResourceNames | undefined {
  if (options.ids === true || options.json === true) return undefined;
  try {
    const cache = createDetailsCache({
      dialect,
      env: io.env,
      ...(options.url !== undefined ? { url: options.url } : {}),
      ...(options.restUrl !== undefined ? { restUrl: options.restUrl } : {}),
      // Names are a help: a short backoff, and a few attempts, then ids.
      retry: { baseDelay: 500, maxDelay: 5000, maxAttempts: 3 },
    });
    return new ResourceNames(cache, NAME_WAIT, (error) =>
      terminal.status(`names unavailable (${describeFailure(error).message}): showing ids`),
    );
  } catch (error) {
    terminal.status(`names unavailable (${inCliTerms(error, restOptionName) ?? describeFailure(error).message}): showing ids`);
    return undefined;
  }
}

/** The CLI's name of a details option at fault. */
function restOptionName(option: string): string {
  return option === 'restUrl' ? '--rest-url (or DOCKERCLOUD_REST_HOST)' : option === 'url' ? '--url' : option;
}

/**
 * `events --nats`: the events relayed into JetStream, printed exactly as from the websocket.
 * The server filters on one `--type` and on `--namespace`; `--object`, `--parent` and several
 * types apply on the client.
 */
async function printFromNats(
  options: EventsCommandOptions,
  servers: string,
  io: CliIo,
  terminal: Terminal,
  reporter: StatusReporter,
  secrets: readonly string[],
): Promise<ExitCode> {
  const jetstream = await loadJetstream();
  if (jetstream === undefined) {
    terminal.error(NATS_CLIENT_HINT);
    return ExitCode.failure;
  }
  const filter = filterOf(options);
  let events$: Observable<CloudEvent>;
  try {
    events$ = jetstream.consumeEvents({
      servers,
      ...(options.stream !== undefined ? { stream: options.stream } : {}),
      ...(options.durable !== undefined ? { durable: options.durable } : {}),
      filter: {
        ...(options.type?.length === 1 ? { type: options.type[0] as ResourceType } : {}),
        ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      },
      ...(options.maxAttempts !== undefined ? { retry: { maxAttempts: options.maxAttempts } } : {}),
      status: (status) => {
        if (status.kind === 'consuming') terminal.status(`nats: reading stream ${status.stream} (consumer ${status.consumer})`);
        else if (status.kind === 'waiting-for-stream')
          terminal.status(`nats: no stream ${status.stream} yet; looking again in ${status.delay} ms`);
        else if (status.kind === 'retrying') terminal.status(`nats: ${status.reason}; again in ${status.delay} ms`);
        else if (status.kind === 'rejected') terminal.status(`nats: message ${status.seq} rejected: ${status.reason}`);
        else if (status.kind === 'connecting') terminal.status(`nats: connecting to ${status.servers.join(', ')}`);
      },
    });
  } catch (error) {
    const failure = describeFailure(error);
    terminal.error(failure.message);
    return failure.code;
  }
  return print(events$, options, io, terminal, reporter, secrets, filter);
}

/** Prints `events$` until `--count`, `--timeout`, a stop request or a failure; resolves with the exit code. */
async function print(
  events$: Observable<CloudEvent>,
  options: EventsCommandOptions,
  io: CliIo,
  terminal: Terminal,
  reporter: StatusReporter,
  secrets: readonly string[],
  onClient: CliFilter | undefined,
  names?: ResourceNames,
): Promise<ExitCode> {
  let stoppedBy: StopRequest | 'timeout' | undefined;
  const stop$ = merge(
    stopRequests(io),
    options.timeout === undefined ? NEVER : timer(options.timeout).pipe(map(() => 'timeout' as const)),
  ).pipe(
    take(1),
    tap((reason) => (stoppedBy = reason)),
  );
  let seen = 0;
  return await new Promise<ExitCode>((resolve) => {
    events$
      .pipe(
        onClient !== undefined ? clientFilter(onClient) : identity,
        options.count === undefined ? identity : take(options.count),
        tap(() => seen++),
        names === undefined ? identity : (events) => names.names(events),
        formatForTerminal(
          { json: options.json, utc: options.utc, ...(names !== undefined ? { label: (uri: string) => names.label(uri) } : {}) },
          terminal,
          reporter,
          secrets,
        ),
        takeUntil(stop$),
      )
      .subscribe({
        next: (line) => terminal.line(line),
        error: (error: unknown) => {
          const failure = describeFailure(error);
          terminal.error(failure.message);
          resolve(failure.code);
        },
        complete: () => {
          if (stoppedBy === 'timeout' && options.count !== undefined && seen < options.count) {
            terminal.error(`timed out after ${options.timeout! / 1000} s with ${seen} of ${options.count} events`);
            resolve(ExitCode.timeout);
          } else {
            resolve(ExitCode.ok);
          }
        },
      });
  });
}
