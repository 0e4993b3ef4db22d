import type { ResourceEvent } from '../model/ResourceEvent.js';

/**
 * One line of a recording: the event, and when it was sent, in ms since the recording
 * started (monotonic clock, to the microsecond). In a file, each is one JSON line:
 * `{"t":12.345,"event":{…}}`.
 *
 * @example
 * ```ts
 * const lines: readonly RecordedEvent[] = await readRecording('run.jsonl');
 * console.log(lines[0]?.t, lines[0]?.event.type);
 * ```
 */
export interface RecordedEvent {
  /** Ms since the recording started. */
  readonly t: number;
  /** The event exactly as the emulator sent it on the Docker Cloud paths. */
  readonly event: ResourceEvent;
}
