import type { Environment } from '../node/readEnvironment.js';

/** An output stream of the process, as the command line uses it. */
export interface CliStream {
  /** Writes text. */
  write(text: string): unknown;
  /** Whether it is a terminal. */
  readonly isTTY?: boolean;
  /** Listens for write errors (`EPIPE` when the reader went away). */
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  /** Stops listening. */
  off(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** Where the process's signals arrive. */
export interface SignalSource {
  /** Listens for a signal. */
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  /** Stops listening. */
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/**
 * Everything the command line takes from its process: environment, output streams, signals.
 * The commands never touch `process` themselves, so each piece can be given another.
 *
 * @example
 * ```ts
 * const io: CliIo = processIo();
 * ```
 * @see {@link processIo}
 */
export interface CliIo {
  /** The environment (`DOCKERCLOUD_*`, `NO_COLOR`, `CI`…). */
  readonly env: Environment;
  /** Where events and results go. */
  readonly stdout: CliStream;
  /** Where statuses and errors go. */
  readonly stderr: CliStream;
  /** SIGINT and SIGTERM. */
  readonly signals: SignalSource;
  /** `process.platform`. */
  readonly platform: string;
}
