import type { ResourceEvent } from '../../model/ResourceEvent.js';
import { eventTime } from '../eventTime.js';
import { paintState } from '../paintState.js';
import { serviceTitle, subjectOf, type DemoLineOptions } from './formatDemoTransition.js';

/** The width of the subject column, as in {@link formatDemoTransition}'s lines. */
const SUBJECT_WIDTH = 18;

/**
 * The line the demo prints when a resync finds that a service, or a container under it,
 * vanished while the stream was disconnected (a synthetic `delete`, `finalStateUnknown`):
 * how it ended is unknown, only its last state seen.
 *
 * ```text
 * 16:00:03  service 4fece8bb │ container a999786d  gone, last seen Running  (resync)
 * ```
 *
 * @param service - The service's normalized URI.
 * @param datetime - The time to show: a synthetic event has none of its own.
 *
 * @example
 * ```ts
 * formatVanished(serviceKey, event, { palette, utc: true, datetime: lastDatetime });
 * ```
 */
export function formatVanished(
  service: string,
  event: Pick<ResourceEvent, 'type' | 'resource_uri' | 'state'>,
  options: DemoLineOptions & { readonly datetime?: string },
): string {
  const { palette } = options;
  const time = palette.dim(eventTime(options.datetime, options));
  const name = serviceTitle(service, options);
  const subject = event.type === 'service' ? 'service' : subjectOf(event.type, event.resource_uri, options);
  const last = event.state === undefined ? '' : `, last seen ${paintState(event.state, palette)}`;
  return `${time}  ${name} ${palette.dim('│')} ${subject.padEnd(SUBJECT_WIDTH)}  gone${last}  ${palette.magenta('(resync)')}`;
}
