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

/** The width of the subject column (`container 0b0e1234`). */
const SUBJECT_WIDTH = 18;

/**
 * One line of the demo: the time, the service (in its own colour), what changed (the service
 * itself or one of its containers) and the transition, tagged `(resync)` when the REST
 * resync found it after a reconnect.
 *
 * ```text
 * 16:00:03  service 4fece8bb │ container a999786d  Starting → Running
 * ```
 *
 * @example
 * ```ts
 * formatDemoTransition({ service, transition, resync: false }, { palette, utc: true });
 * ```
 */
export function formatDemoTransition(line: DemoTransition, options: { readonly palette: Palette; readonly utc?: boolean }): string {
  const { palette } = options;
  const t = line.transition;
  const time = palette.dim(eventTime(t.event.datetime ?? line.datetime, options));
  const service = serviceColor(line.service, palette)(`service ${shortId(line.service)}`);
  const subject = t.type === 'service' ? 'service' : `${t.type} ${shortId(t.resource_uri)}`;
  const change = formatTransition(t.from, t.to, palette);
  const tag = line.resync ? `  ${palette.magenta('(resync)')}` : '';
  return `${time}  ${service} ${palette.dim('│')} ${subject.padEnd(SUBJECT_WIDTH)}  ${change.text}${tag}`;
}
