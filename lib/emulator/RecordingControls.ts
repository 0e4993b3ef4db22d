import type { RecordedEvent } from './RecordedEvent.js';

/**
 * What a finished recording holds.
 *
 * @example
 * ```ts
 * const { count, events } = await emulator.recording.stop();
 * ```
 */
export interface RecordingSummary {
  /** The file written, for a recording to a file. */
  readonly file?: string;
  /** How many events were recorded. */
  readonly count: number;
  /** The events, for a recording kept in memory (started without a file). */
  readonly events?: readonly RecordedEvent[];
}

/**
 * Recording the emulator's stream: every event emitted (the whole stream, before any
 * connection's filter or fault), with its time, to a JSON-lines file or to memory. A file
 * replays with `startEmulator({ replay: { file } })`.
 *
 * @example
 * ```ts
 * emulator.recording.start({ file: 'run.jsonl' });
 * emulator.step(100);
 * await emulator.recording.stop(); // { file: 'run.jsonl', count: 100 }
 * ```
 */
export interface RecordingControls {
  /** Whether a recording is under way. */
  readonly active: boolean;
  /**
   * Starts recording: to `file` (created or truncated; an `EmulatorError` (`recording`) if it
   * cannot be opened), or in memory. Throws if a recording is already under way.
   */
  start(options?: { readonly file?: string }): void;
  /** Stops recording; resolves once the file is flushed and closed. */
  stop(): Promise<RecordingSummary>;
}
