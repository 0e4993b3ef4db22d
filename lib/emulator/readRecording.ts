import { readFile } from 'node:fs/promises';
import { ResourceEvent } from '../model/ResourceEvent.js';
import { EmulatorError } from './EmulatorError.js';
import type { RecordedEvent } from './RecordedEvent.js';

/**
 * Reads a recording: one JSON object per line, `{"t":<ms>,"event":{…}}`. A line may also be
 * a bare event (a raw message of the stream, as a client would log it), which takes the time
 * of the line before. Blank lines are skipped. Times must not go backwards.
 *
 * @returns the recorded events, in order.
 * @throws an `EmulatorError` (`replay`) naming the file and line of the first bad line.
 *
 * @example
 * ```ts
 * const lines = await readRecording('run.jsonl');
 * console.log(`${lines.length} events over ${lines.at(-1)?.t ?? 0} ms`);
 * ```
 */
export async function readRecording(file: string): Promise<RecordedEvent[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new EmulatorError(`cannot read ${file}: ${(error as Error).message}`, { kind: 'replay', cause: error });
  }
  const out: RecordedEvent[] = [];
  let previous = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new EmulatorError(`${where}: not JSON`, { kind: 'replay' });
    }
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    const wrapped = record !== undefined && 'event' in record;
    const event = wrapped ? record['event'] : value;
    const t = wrapped ? record['t'] : previous;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < previous)
      throw new EmulatorError(`${where}: "t" must be a number of ms, not going backwards`, { kind: 'replay' });
    if (!ResourceEvent.is(event)) throw new EmulatorError(`${where}: "event" is not a resource event`, { kind: 'replay' });
    previous = t;
    out.push({ t, event });
  }
  return out;
}
