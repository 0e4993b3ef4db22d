import type { StateTransition } from '../../operators/stateTransitions.js';
import { eventTime } from '../eventTime.js';
import { formatTransition } from '../formatTransition.js';
import type { Palette } from '../Palette.js';
import { shortId } from '../../display/shortId.js';
import { serviceColor } from './serviceColor.js';

/** A transition of a service, or of a container under it, as the demo shows it. */
export interface DemoTransition {
  /** The service's normalized URI: the group the transition belongs to. */
  readonly service: string;
  /** The transition (of the service itself, or of one of its containers). */
  readonly transition: StateTransition;
  /** Whether the REST resync found it, rather than the stream. */
  readonly resync: boolean;
  /** The `datetime` to show for a resync, which has none of its own. */
  readonly datetime?: string;
}

/** How the demo shows things: its colours, UTC or local time, and the names of resources. */
export interface DemoLineOptions {
  readonly palette: Palette;
  readonly utc?: boolean;
  /** The name of a resource (its REST `name`), shown instead of its short id; `undefined` if unknown. */
  readonly label?: (uri: string) => string | undefined;
}

/**
 * `service web`, or `service 5bcf0d3c` while its name is unknown, in the service's colour (the
 * colour of its name when it has one: the same service reads the same on every line).
 *
 * @example
 * ```ts
 * serviceTitle('/api/app/v1/acme/service/5bcf/', { palette, label: () => 'web' }); // 'service web', coloured
 * ```
 */
export function serviceTitle(service: string, options: DemoLineOptions): string {
  const name = options.label?.(service);
  // Padded as wide as an id, so that the `│` of short names lines up.
  return serviceColor(name ?? service, options.palette)(`service ${name ?? shortId(service)}`.padEnd(SERVICE_WIDTH));
}

/** `type name`, or `type shortid` while the resource's name is unknown. */
export function subjectOf(type: string, uri: string, options: DemoLineOptions): string {
  return `${type} ${options.label?.(uri) ?? shortId(uri)}`;
}

/** The width of the service column (`service 0b0e1234`). */
const SERVICE_WIDTH = 16;

/** The width of the subject column (`container 0b0e1234`). */
const SUBJECT_WIDTH = 18;

/**
 * One line of the demo: the time, the service (in its own colour), what changed (the service
 * itself or one of its containers) and the transition, tagged `(resync)` when the REST
 * resync found it after a reconnect.
 *
 * ```text
 * 16:00:03  service web │ container web-2  Starting → Running
 * 16:00:03  service 4fece8bb │ container a999786d  Starting → Running
 * ```
 *
 * Resources show their names (`label`) when known, their short ids otherwise.
 *
 * @example
 * ```ts
 * formatDemoTransition({ service, transition, resync: false }, { palette, utc: true });
 * ```
 */
export function formatDemoTransition(line: DemoTransition, options: DemoLineOptions): string {
  const { palette } = options;
  const t = line.transition;
  const time = palette.dim(eventTime(t.event.datetime ?? line.datetime, options));
  const service = serviceTitle(line.service, options);
  const subject = t.type === 'service' ? 'service' : subjectOf(t.type, t.resource_uri, options);
  const change = formatTransition(t.from, t.to, palette);
  const tag = line.resync ? `  ${palette.magenta('(resync)')}` : '';
  return `${time}  ${service} ${palette.dim('│')} ${subject.padEnd(SUBJECT_WIDTH)}  ${change.text}${tag}`;
}
