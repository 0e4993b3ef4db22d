import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Emission } from './Emission.js';
import { EmulatorError } from './EmulatorError.js';
import type { RecordedEvent } from './RecordedEvent.js';
import type { RecordingControls, RecordingSummary } from './RecordingControls.js';

/**
 * The state behind {@link RecordingControls}.
 *
 * @internal
 */
export class Recorder implements RecordingControls {
  private started: number | undefined;
  private out: WriteStream | undefined;
  private file: string | undefined;
  private failure: Error | undefined;
  private memory: RecordedEvent[] | undefined;
  private count = 0;

  get active(): boolean {
    return this.started !== undefined;
  }

  start(options: { readonly file?: string } = {}): void {
    if (this.active) throw new EmulatorError('a recording is already under way: stop it first', { kind: 'recording' });
    const file = options.file;
    if (file !== undefined) {
      let fd: number;
      try {
        // Opened synchronously so that a bad path fails here, not later in a stream event.
        fd = openSync(file, 'w');
      } catch (error) {
        throw new EmulatorError(`cannot open ${file} for recording: ${(error as Error).message}`, { kind: 'recording', cause: error });
      }
      try {
        this.out = createWriteStream('', { fd });
      } catch (error) {
        closeSync(fd);
        throw error;
      }
      this.out.on('error', (error) => {
        this.failure = error;
      });
      this.memory = undefined;
    } else {
      this.out = undefined;
      this.memory = [];
    }
    this.file = file;
    this.failure = undefined;
    this.count = 0;
    this.started = performance.now();
  }

  record(emission: Emission): void {
    if (this.started === undefined) return;
    const t = Math.round((performance.now() - this.started) * 1000) / 1000;
    this.count++;
    if (this.out !== undefined) this.out.write(`{"t":${t},"event":${emission.text}}\n`);
    else this.memory?.push({ t, event: emission.event });
  }

  async stop(): Promise<RecordingSummary> {
    if (this.started === undefined) return { count: 0 };
    this.started = undefined;
    const out = this.out;
    const file = this.file;
    const count = this.count;
    this.out = undefined;
    if (out === undefined) {
      const events = this.memory ?? [];
      this.memory = undefined;
      return { count, events };
    }
    await new Promise<void>((resolve) => {
      if (out.destroyed) resolve();
      else out.end(() => resolve());
      out.once('error', () => resolve());
    });
    if (this.failure !== undefined) {
      throw new EmulatorError(`writing ${file ?? 'the recording'} failed: ${this.failure.message}`, {
        kind: 'recording',
        cause: this.failure,
      });
    }
    return file === undefined ? { count } : { file, count };
  }
}
