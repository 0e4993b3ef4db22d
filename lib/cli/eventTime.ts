/** How {@link eventTime} reads the clock. */
export interface EventTimeOptions {
  /** Show UTC rather than local time. Default false. */
  readonly utc?: boolean;
  /** The clock, for events without a usable `datetime`. Default `() => new Date()`. */
  readonly now?: () => Date;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * `HH:MM:SS` of an event: its `datetime` (Tutum's `date` decodes into it) in local time, or
 * UTC with `utc`; the current time when the event has no `datetime` (control messages, early
 * Tutum events) or one that does not parse.
 *
 * @example
 * ```ts
 * eventTime('2016-02-01T16:47:28Z', { utc: true }); // '16:47:28'
 * ```
 */
export function eventTime(datetime: string | undefined, options: EventTimeOptions = {}): string {
  let date = datetime === undefined ? undefined : new Date(datetime);
  if (date === undefined || Number.isNaN(date.getTime())) date = (options.now ?? (() => new Date()))();
  return options.utc === true
    ? `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
    : `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
