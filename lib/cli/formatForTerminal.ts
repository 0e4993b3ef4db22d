import type { OperatorFunction } from 'rxjs';
import { createScrubber } from '../credentials/createScrubber.js';
import type { CloudEvent } from '../model/CloudEvent.js';
import { formatEvents } from './formatEvents.js';
import type { StatusReporter } from './StatusReporter.js';
import type { Terminal } from './Terminal.js';

/** The output flags shared by the commands that print events. */
export interface PrintFlags {
  /** `--json`. */
  readonly json?: boolean;
  /** `--utc`. */
  readonly utc?: boolean;
  /** The name of a resource, shown instead of its short id (not under `--json`, where the URI stays). */
  readonly label?: (uri: string) => string | undefined;
}

/**
 * {@link formatEvents} as the commands that print events (`events`, `replay`) use it: in the
 * terminal's colours, every quoted text scrubbed of `secrets` before it is cut, and an event
 * that cannot be printed reported like a rejected frame instead of ending the output.
 *
 * @example
 * ```ts
 * events$.pipe(formatForTerminal({ json: true }, terminal, reporter, secretsOf(io.env))).subscribe((line) => terminal.line(line));
 * ```
 */
export function formatForTerminal(
  flags: PrintFlags,
  terminal: Terminal,
  reporter: StatusReporter,
  secrets: readonly string[],
): OperatorFunction<CloudEvent, string> {
  return formatEvents({
    json: flags.json,
    palette: terminal.out,
    utc: flags.utc,
    ...(flags.label !== undefined ? { label: flags.label } : {}),
    // Built once for every line of the output.
    scrub: createScrubber(secrets),
    unprintable: (error) => reporter.unprintable(error),
  });
}
