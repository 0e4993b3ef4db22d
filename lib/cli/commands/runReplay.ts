import { identity, map, take, takeUntil } from 'rxjs';
import { readRecording } from '../../emulator/readRecording.js';
import type { CloudEvent } from '../../model/CloudEvent.js';
import { decodeEvent } from '../../model/decodeEvent.js';
import type { ResourceType } from '../../model/ResourceType.js';
import type { CliIo } from '../CliIo.js';
import { clientFilter } from '../clientFilter.js';
import { describeFailure } from '../describeFailure.js';
import { ExitCode } from '../ExitCode.js';
import { formatForTerminal } from '../formatForTerminal.js';
import { replayRecording, type TimedEvent } from '../replayRecording.js';
import { secretsOf } from '../scrubSecrets.js';
import { StatusReporter } from '../StatusReporter.js';
import { stopRequests } from '../stopRequests.js';
import { Terminal } from '../Terminal.js';

/** The options of `dockercloud-rx replay FILE`, as parsed. */
export interface ReplayCommandOptions {
  /** `--speed`: `recorded` (default), `max`, or a factor. */
  readonly speed?: 'recorded' | 'max' | number;
  /** `--type`, applied on the client with `ofType`. */
  readonly type?: readonly ResourceType[];
  /** `--object`, applied on the client. */
  readonly object?: readonly string[];
  /** `--parent`, applied on the client with `underParent`. */
  readonly parent?: readonly string[];
  /** `--json`. */
  readonly json?: boolean;
  /** `--count`: stop after this many events (after the filters). */
  readonly count?: number;
  /** `--utc`. */
  readonly utc?: boolean;
  /** `--quiet`: no status lines. */
  readonly quiet?: boolean;
  /** `--color` / `--no-color`. */
  readonly color?: boolean;
}

/**
 * `dockercloud-rx replay FILE`: a recording (the emulator's JSON lines, see `readRecording`)
 * through the same output as `events`, at the recorded pace or faster, with the filters
 * applied on the client by the operators. Each recorded event goes through `decodeEvent`, so
 * Tutum-shaped lines come out in the one model. What it prints is made terminal-safe and
 * scrubbed of the environment's credentials, as `events` does, and an event it cannot print is
 * reported like a rejected frame. Resolves with the exit code: 0 at the end of
 * the recording (or at `count`, or on SIGINT/SIGTERM), 1 if the file cannot be read.
 *
 * @example
 * ```ts
 * process.exitCode = await runReplay('run.jsonl', { speed: 'max', json: true }, processIo());
 * ```
 */
export async function runReplay(file: string, options: ReplayCommandOptions, io: CliIo): Promise<ExitCode> {
  // A recording can hold what a server sent, credentials echoed back included.
  const secrets = secretsOf(io.env);
  const terminal = new Terminal(io, { color: options.color, quiet: options.quiet, secrets });
  const reporter = new StatusReporter(terminal);
  try {
    let records: TimedEvent<CloudEvent>[];
    try {
      records = (await readRecording(file)).map(({ t, event }) => {
        const decoded = decodeEvent(event);
        // readRecording checked the shape, so this holds; a failure would be a bug worth seeing.
        if (decoded._tag === 'Left') throw decoded.left;
        return { t, event: decoded.right };
      });
    } catch (error) {
      const failure = describeFailure(error);
      terminal.error(failure.message);
      return failure.code;
    }
    const span = records.length === 0 ? 0 : records[records.length - 1]!.t - records[0]!.t;
    terminal.status(
      terminal.err.dim(
        `● replaying ${records.length} events (${(span / 1000).toFixed(1)} s recorded) at speed ${options.speed ?? 'recorded'}`,
      ),
    );
    const filter = { type: options.type, object: options.object, parent: options.parent };
    return await new Promise<ExitCode>((resolve) => {
      replayRecording(records, { speed: options.speed })
        .pipe(
          clientFilter(filter),
          options.count === undefined ? identity : take(options.count),
          formatForTerminal(options, terminal, reporter, secrets),
          takeUntil(stopRequests(io).pipe(map(() => true))),
        )
        .subscribe({
          next: (line) => terminal.line(line),
          error: (error: unknown) => {
            const failure = describeFailure(error);
            terminal.error(failure.message);
            resolve(failure.code);
          },
          complete: () => resolve(ExitCode.ok),
        });
    });
  } finally {
    reporter.dispose();
    terminal.dispose();
  }
}
