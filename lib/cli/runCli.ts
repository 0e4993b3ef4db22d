import { CommanderError } from 'commander';
import type { CliIo } from './CliIo.js';
import { createProgram } from './createProgram.js';
import { ExitCode } from './ExitCode.js';

/**
 * Runs the command line: parses `argv` (`process.argv`, node and script first), runs the
 * command, and resolves with its exit code. `--help` and `--version` give 0, usage errors 2
 * (commander has printed them). The process is left to the caller: `main` sets
 * `process.exitCode`.
 *
 * @param version - What `--version` prints.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv, processIo(), '0.1.0');
 * ```
 * @see {@link ExitCode}
 */
export async function runCli(argv: readonly string[], io: CliIo, version?: string): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const program = createProgram(io, (c) => (code = c), version);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    throw error;
  }
  return code;
}
