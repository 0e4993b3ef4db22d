import { Observable, type OperatorFunction } from 'rxjs';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import { TransitionTracker } from '../tracking/TransitionTracker.js';
import { RecentlyEnded } from '../tracking/RecentlyEnded.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import { formatEventLine, type EventLineOptions } from './formatEventLine.js';
import { formatJsonLine } from './formatJsonLine.js';

/** How {@link formatEvents} renders events. */
export interface FormatEventsOptions extends EventLineOptions {
  /** One JSON object per line instead of aligned columns. Default false. */
  readonly json?: boolean;
  /**
   * Called with an event that could not be formatted (JSON nested too deep for
   * `JSON.stringify`, under `json`) and why, instead of failing: that event gives no line and
   * the next ones do. Without it, such an error ends the output with that error.
   */
  readonly unprintable?: (error: unknown, event: CloudEvent) => void;
}

/**
 * How many ended resources {@link formatEvents} remembers the final state of, so that the
 * `delete` that follows a `Terminated` update reads `Terminated`, not `→ Terminated`.
 */
export const ENDED_MEMORY = 1024;

/**
 * Turns events into the lines `dockercloud-rx events` prints: {@link formatEventLine}, or
 * {@link formatJsonLine} with `json`.
 *
 * For the state column it remembers the last state of each resource, as `stateTransitions`
 * does (the same tracker: resources by normalized URI, forgotten at their end of life, so
 * memory follows the live resources), plus the final state of the last {@link ENDED_MEMORY}
 * resources that ended (and up to twice as many), for the `delete` event that follows a `Terminated` one. Every
 * subscription remembers on its own.
 *
 * An event that cannot be formatted goes to `options.unprintable`, and the output goes on: no
 * frame a server sends can end it.
 *
 * @example
 * ```ts
 * streamEvents().pipe(formatEvents({ palette: createPalette(true) })).subscribe((line) => console.log(line));
 * ```
 * @see {@link formatEventLine}, {@link formatJsonLine}
 */
export function formatEvents(options: FormatEventsOptions): OperatorFunction<CloudEvent, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      const tracker = new TransitionTracker();
      const ended = new RecentlyEnded(ENDED_MEMORY);
      const format = (event: CloudEvent): string => {
        if (options.json === true) return formatJsonLine(event);
        let from: string | undefined;
        if (isResourceEvent(event)) {
          const transition = tracker.track(event);
          // No transition: the event has no state, or its resource stays in the one it had.
          from = transition === undefined ? event.state : transition.from;
          const endOfLife = isEndOfLife(event);
          if ((transition !== undefined && transition.from === undefined) || endOfLife) {
            const key = normalizeResourceUri(event.resource_uri);
            if (from === undefined) from = ended.stateOf(key);
            ended.delete(key);
            if (endOfLife && event.state !== undefined) ended.add(key, event.state);
          }
        }
        return formatEventLine(event, from, options);
      };
      return source.subscribe({
        next(event) {
          let line: string;
          try {
            line = format(event);
          } catch (error) {
            // One event the server made unprintable costs that event, not the output.
            if (options.unprintable === undefined) subscriber.error(error);
            else options.unprintable(error, event);
            return;
          }
          subscriber.next(line);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
