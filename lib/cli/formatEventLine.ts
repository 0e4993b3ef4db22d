import type { CloudEvent } from '../model/CloudEvent.js';
import { isResourceEvent } from '../model/CloudEvent.js';
import { eventTime } from './eventTime.js';
import { formatTransition, type Painted } from './formatTransition.js';
import type { Palette } from './Palette.js';
import { paintState } from './paintState.js';
import { shortId, shortResource } from '../display/shortId.js';
import { terminalSafe } from './terminalSafe.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';

/** How {@link formatEventLine} renders a line. */
export interface EventLineOptions {
  /** The colours (off: `createPalette(false)`). */
  readonly palette: Palette;
  /** Times in UTC rather than local time. Default false. */
  readonly utc?: boolean;
  /** The clock for events without a `datetime`. Default `() => new Date()`. */
  readonly now?: () => Date;
  /**
   * Removes the credentials from a text (`(text) => scrubSecrets(text, secrets)`), applied to
   * what an event carries before it is cut to fit a line, so that a cut never leaves half a
   * credential that no longer matches. Default: none (the `Terminal` scrubs whole lines).
   */
  readonly scrub?: (text: string) => string;
  /**
   * The name to show for a resource URI (its REST `name`), or `undefined` to show its short id.
   * Default: none, short ids everywhere.
   */
  readonly label?: (uri: string) => string | undefined;
}

/**
 * The widths of the columns of an event line, so that lines align: time, type (the longest
 * is `nodecluster`), action, state, short id. The parent comes last, unpadded. A value wider
 * than its column pushes the rest of its line right, and still leaves two spaces.
 */
export const EVENT_COLUMNS = Object.freeze({ time: 8, type: 11, action: 6, state: 30, id: 8 } as const);

const GAP = '  ';
const NOTE_LENGTH = 60;

function cell(value: Painted, width: number): string {
  return value.text + ' '.repeat(Math.max(0, width - value.plain.length));
}

// Every value of the event goes through here (or through paintState / formatTransition, which
// do the same) before it is painted: made terminal-safe first, so that a server can neither
// act on the terminal nor paint, and so that the width counted is the width shown.
function plain(text: string, paint: (s: string) => string = (s) => s): Painted {
  const safe = terminalSafe(text);
  return { plain: safe, text: paint(safe) };
}

function stringField(event: CloudEvent, name: string): string | undefined {
  const value = (event as Readonly<Record<string, unknown>>)[name];
  return typeof value === 'string' ? value : undefined;
}

function firstParent(event: CloudEvent): string | undefined {
  const parents = (event as Readonly<Record<string, unknown>>)['parents'];
  return Array.isArray(parents) && typeof parents[0] === 'string' ? parents[0] : undefined;
}

/** A parent as `kind/name` when it has a name, else as `kind/shortid`. */
function labelledResource(uri: string, label: ((uri: string) => string | undefined) | undefined): string {
  const name = label?.(uri);
  const kind = name === undefined ? undefined : parseResourceUri(uri)?.kind;
  return kind === undefined ? shortResource(uri) : `${kind}/${name}`;
}

/** A short, single-line rendering of the fields of a message other than its type. */
function note(event: CloudEvent, scrub: (text: string) => string): string {
  const { type: _type, ...rest } = event as Readonly<Record<string, unknown>>;
  let text: string;
  try {
    text = JSON.stringify(rest) ?? '';
  } catch {
    text = '';
  }
  // Scrubbed whole, then cut: a cut first could leave a fragment of a credential no scrub finds.
  text = scrub(text);
  return text.length > NOTE_LENGTH ? `${text.slice(0, NOTE_LENGTH - 1)}…` : text;
}

/**
 * One event as a line a person can scan (where `docker-cloud event` printed raw JSON):
 * time, type, action, state transition, the resource's name (or short id) and its parent, in
 * aligned columns.
 *
 * ```text
 * 16:47:28  container    update  Starting → Running              web-1     service/web
 * 16:47:28  container    update  Starting → Running              093ba3bb  service/5bcf0d3c
 * ```
 *
 * With `label`, a resource (and the parent) it names shows its name; any other shows its short
 * id, as without it.
 *
 * The time is the event's `datetime` (see {@link eventTime}). The state column shows the
 * transition (see {@link formatTransition}) from `from`, the resource's previous state. The
 * parent is the event's first parent, its direct one (a container's service, a service's
 * stack, an action's object). An `error` message shows its `errorMessage` in red; other
 * control messages and unknown types show what they carry. No line ends with spaces.
 *
 * Every value the event carries is made {@link terminalSafe} before it is painted: a line
 * shows the escapes of the control characters a server put in it, and acts on none of them.
 *
 * @param from - The resource's state before this event, `undefined` when first seen.
 *
 * @example
 * ```ts
 * formatEventLine(event, 'Starting', { palette: createPalette(false), utc: true });
 * ```
 * @see {@link formatEvents}, {@link formatJsonLine}
 */
export function formatEventLine(event: CloudEvent, from: string | undefined, options: EventLineOptions): string {
  const palette = options.palette;
  const columns: string[] = [cell(plain(eventTime(stringField(event, 'datetime'), options), palette.dim), EVENT_COLUMNS.time)];
  columns.push(cell(plain(event.type, palette.cyan), EVENT_COLUMNS.type));
  if (isResourceEvent(event)) {
    columns.push(cell(plain(event.action, event.action === 'delete' ? palette.red : undefined), EVENT_COLUMNS.action));
    columns.push(cell(formatTransition(from, event.state, palette), EVENT_COLUMNS.state));
    columns.push(cell(plain(options.label?.(event.resource_uri) ?? shortId(event.resource_uri)), EVENT_COLUMNS.id));
    const parent = event.parents[0];
    columns.push(parent === undefined ? '' : plain(labelledResource(parent, options.label), palette.dim).text);
  } else if (event.type === 'error') {
    const message = (event as { readonly data: { readonly errorMessage: string } }).data.errorMessage;
    columns.push(cell(plain(''), EVENT_COLUMNS.action), plain(message, palette.red).text);
  } else if (event.type === 'auth') {
    columns.push(cell(plain(''), EVENT_COLUMNS.action), 'authenticated');
  } else {
    const action = stringField(event, 'action');
    const state = stringField(event, 'state');
    const uri = stringField(event, 'resource_uri');
    const parent = firstParent(event);
    columns.push(cell(plain(action ?? ''), EVENT_COLUMNS.action));
    if (state === undefined && uri === undefined) {
      columns.push(plain(note(event, options.scrub ?? ((text) => text)), palette.dim).text);
    } else {
      columns.push(
        cell(state === undefined ? plain('') : { plain: terminalSafe(state), text: paintState(state, palette) }, EVENT_COLUMNS.state),
      );
      columns.push(cell(plain(uri === undefined ? '' : shortId(uri)), EVENT_COLUMNS.id));
      columns.push(parent === undefined ? '' : plain(shortResource(parent), palette.dim).text);
    }
  }
  return columns.join(GAP).trimEnd();
}
