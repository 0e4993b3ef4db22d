import { Emission } from './Emission.js';
import type { EventSource } from './EventPump.js';
import type { RecordedEvent } from './RecordedEvent.js';
import { ResourceStore } from './ResourceStore.js';

/**
 * A recording as an event source: its events in order, each applied to a store on its way
 * out, so that the REST API shows what has been replayed so far.
 *
 * @internal
 */
export class ReplaySource implements EventSource {
  readonly store = new ResourceStore();
  private index = 0;

  constructor(private readonly lines: readonly RecordedEvent[]) {}

  get eventCount(): number {
    return this.index;
  }

  /** The `datetime` of the last event replayed, if it had one. */
  get datetime(): string | undefined {
    return this.index === 0 ? undefined : this.lines[this.index - 1]!.event.datetime;
  }

  peekTime(): number | undefined {
    return this.lines[this.index]?.t;
  }

  next(): Emission | undefined {
    const line = this.lines[this.index];
    if (line === undefined) return undefined;
    this.index++;
    this.store.apply(line.event);
    return new Emission(line.event);
  }
}
