import { EVENT_COLUMNS, formatEventLine } from '../../lib/cli/formatEventLine.js';
import { formatJsonLine } from '../../lib/cli/formatJsonLine.js';
import { formatTransition } from '../../lib/cli/formatTransition.js';
import { createPalette } from '../../lib/cli/Palette.js';
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import type { UnknownState } from '../../lib/model/ResourceState.js';
import {
  actionEvent,
  authMessage,
  containerEvent,
  errorMessage,
  nodeClusterEvent,
  serviceEvent,
  unknownEvent,
  uri,
  userNotification,
} from '../../lib/testing/index.js';

const plain = { palette: createPalette(false), utc: true };
const coloured = { palette: createPalette(true), utc: true };
const ESC = '\x1b[';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const RED = '\x1b[31m';
const DIM = '\x1b[2m';

const C1 = '093ba3bb-08dd-48f0-8f12-4d3b85ef85b3';
const S1 = '5bcf0d3c-1111-2222-3333-444455556666';
const datetime = '2016-02-01T16:47:28Z';

function stripAnsi(text: string): string {
  return text.replace(/\x1b\[\d+m/g, '');
}

describe('formatEventLine', () => {
  it('prints time, type, action, transition, short id and parent in aligned columns', () => {
    const event = containerEvent(C1, 'Running', { datetime, parents: [uri('service', S1), uri('stack', 'k1')] });
    expect(formatEventLine(event, 'Starting', plain)).toBe(
      '16:47:28  container    update  Starting → Running              093ba3bb  service/5bcf0d3c',
    );
  });

  it('aligns the columns of every kind of event, whatever the transition', () => {
    const lines = [
      formatEventLine(containerEvent(C1, 'Running', { datetime }), undefined, plain),
      formatEventLine(nodeClusterEvent('b0e5a1f2-aaaa', 'Partly deployed', { datetime, action: 'create' }), 'Deployed', plain),
      formatEventLine(serviceEvent(S1, 'Terminated', { datetime, action: 'delete' }), 'Terminating', plain),
      formatEventLine(actionEvent('a0a0a0a0-bbbb', 'In progress', { datetime, parents: [uri('service', S1)] }), 'Pending', plain),
    ];
    const idColumn = EVENT_COLUMNS.time + EVENT_COLUMNS.type + EVENT_COLUMNS.action + EVENT_COLUMNS.state + 4 * 2;
    expect(lines.map((line) => line.slice(idColumn, idColumn + 8))).toEqual(['093ba3bb', 'b0e5a1f2', '5bcf0d3c', 'a0a0a0a0']);
    const actionColumn = EVENT_COLUMNS.time + EVENT_COLUMNS.type + 2 * 2;
    expect(lines.map((line) => line.slice(actionColumn, actionColumn + EVENT_COLUMNS.action).trimEnd())).toEqual([
      'update',
      'create',
      'delete',
      'update',
    ]);
    for (const line of lines) expect(line).not.toMatch(/\s$/);
  });

  it('shows a first sighting as "→ state", an unchanged state alone, and no state as nothing', () => {
    expect(formatEventLine(containerEvent(C1, 'Running', { datetime }), undefined, plain)).toContain('  → Running  ');
    expect(formatEventLine(containerEvent(C1, 'Running', { datetime }), 'Running', plain)).toMatch(/update {2}Running {2,}093ba3bb$/);
    expect(formatEventLine(containerEvent(C1, undefined, { datetime }), undefined, plain)).toBe(
      `16:47:28  container    update  ${' '.repeat(30)}  093ba3bb`,
    );
  });

  it('shortens ids to 8 characters, whatever the URI form (Tutum included)', () => {
    const tutum = {
      type: 'container',
      action: 'update',
      parents: ['/api/v1/service/5bcf0d3c9999/'],
      resource_uri: `/api/v1/container/${C1}/`,
      state: 'Running',
      datetime,
    } as const;
    expect(formatEventLine(tutum, undefined, plain)).toMatch(/ 093ba3bb {2}service\/5bcf0d3c$/);
  });

  it('uses no escape code without colours', () => {
    const event = containerEvent(C1, 'Running', { datetime, parents: [uri('service', S1)] });
    expect(formatEventLine(event, 'Starting', plain)).not.toContain(ESC);
  });

  it('colours the new state by its tone, and keeps the columns aligned', () => {
    const running = formatEventLine(containerEvent(C1, 'Running', { datetime }), 'Starting', coloured);
    expect(running).toContain(`${GREEN}Running`);
    expect(running).toContain(`${DIM}Starting →`);
    expect(formatEventLine(containerEvent(C1, 'Starting', { datetime }), undefined, coloured)).toContain(`${YELLOW}Starting`);
    expect(formatEventLine(actionEvent(C1, 'Failed', { datetime }), 'In progress', coloured)).toContain(`${RED}Failed`);
    expect(formatEventLine(containerEvent(C1, 'Stopped with errors', { datetime }), 'Running', coloured)).toContain(
      `${RED}Stopped with errors`,
    );
    expect(formatEventLine(containerEvent(C1, 'Exploded' as UnknownState, { datetime }), undefined, coloured)).toContain(`${DIM}Exploded`);
    expect(stripAnsi(running)).toBe(formatEventLine(containerEvent(C1, 'Running', { datetime }), 'Starting', plain));
  });

  it('shows control messages and unknown types with what they carry', () => {
    expect(formatEventLine(errorMessage('UNAUTHORIZED'), undefined, { ...plain, now: () => new Date(datetime) })).toBe(
      '16:47:28  error                UNAUTHORIZED',
    );
    expect(formatEventLine(authMessage(), undefined, { ...plain, now: () => new Date(datetime) })).toBe(
      '16:47:28  auth                 authenticated',
    );
    expect(formatEventLine(userNotification({ message: 'hi' }), undefined, { ...plain, now: () => new Date(datetime) })).toContain(
      '{"message":"hi"}',
    );
    const image = unknownEvent('image', { action: 'update', state: 'Pushed', resource_uri: '/api/repo/v1/image/abcdef0123456/', datetime });
    expect(formatEventLine(image, undefined, plain)).toMatch(/^16:47:28 {2}image {8}update {2}Pushed {2,}abcdef01$/);
  });

  it('shows what a server put in every field as escapes, paints none of it, and keeps the columns aligned', () => {
    const evil = '\x1b[8m\x1b]0;pwned\x07\u202e\r';
    const shown = '\\u001b[8m\\u001b]0;pwned\\u0007\\u202e\\r';
    const hostile = {
      type: 'container',
      action: 'update',
      state: `Running${evil}`,
      resource_uri: `/api/app/v1/container/${evil}/`,
      parents: [`/api/app/v1/service/${evil}/`],
      datetime,
    } as never;
    for (const options of [plain, coloured]) {
      const line = formatEventLine(hostile, `Starting${evil}`, options);
      // Only the palette's own colour codes remain; no code of the server's.
      expect(stripAnsi(line)).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/);
      expect(line).not.toContain('\x1b[8m');
      expect(stripAnsi(line)).toContain(`Starting${shown} → Running${shown}`);
    }
    const unknown = unknownEvent(`image${evil}`, {
      action: `push${evil}`,
      state: `Pushed${evil}`,
      resource_uri: `/api/repo/v1/image/${evil}/`,
      datetime,
    });
    const error = errorMessage(`denied${evil}\n16:47:28  container    update  → Running`);
    const note = userNotification({ message: evil });
    for (const event of [unknown, error, note]) {
      const line = formatEventLine(event, undefined, { ...coloured, now: () => new Date(datetime) });
      expect(stripAnsi(line)).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/);
    }
    // Widths count the escapes as shown: the state column still ends where the id starts.
    const aligned = formatEventLine(containerEvent(C1, 'Running', { datetime }), 'Star\x1bting', plain);
    expect(aligned.slice(31 + 30 + 2, 31 + 30 + 2 + 8)).toBe('093ba3bb');
  });

  it('scrubs what a message carries before cutting it to fit, so that no fragment of a credential is left', () => {
    const key = 'k3y-0f-the-test-7f9a2c0011';
    const event = userNotification({ pad: 'x'.repeat(30), key });
    const scrub = (text: string): string => text.split(key).join('***');
    const options = { ...plain, now: () => new Date(datetime) };
    // Cut first, the line would hold the start of the key, which no scrub of whole keys finds.
    expect(formatEventLine(event, undefined, options)).toContain(key.slice(0, 10));
    const line = formatEventLine(event, undefined, { ...options, scrub });
    expect(line).toContain('"key":"***"');
    expect(line).not.toContain(key.slice(0, 4));
  });

  it('falls back to the local clock for an event without a datetime', () => {
    const now = () => new Date('2020-05-06T07:08:09Z');
    expect(formatEventLine(containerEvent(C1, 'Running'), undefined, { ...plain, now }).slice(0, 8)).toBe('07:08:09');
  });
});

describe('formatTransition', () => {
  const palette = createPalette(false);
  it.each([
    [undefined, 'Running', '→ Running'],
    ['Starting', 'Running', 'Starting → Running'],
    ['Running', 'Running', 'Running'],
    [undefined, undefined, ''],
  ])('%s → %s reads "%s"', (from, to, expected) => {
    const painted = formatTransition(from, to, palette);
    expect(painted.plain).toBe(expected);
    expect(painted.text).toBe(expected);
  });
});

describe('formatJsonLine', () => {
  it('prints the event as one line of JSON that decodes back to it', () => {
    const event = containerEvent(C1, 'Running', { datetime, parents: [uri('service', S1)], uuid: 'u1' });
    const line = formatJsonLine(event);
    expect(line).not.toContain('\n');
    expect(decodeEvent(line)).toEqual({ _tag: 'Right', right: event });
  });

  it('escapes line breaks inside values, so one event is always one line', () => {
    const line = formatJsonLine(errorMessage('two\nlines'));
    expect(line.split('\n')).toHaveLength(1);
    expect(JSON.parse(line)).toEqual({ type: 'error', data: { errorMessage: 'two\nlines' } });
  });

  it('escapes DEL, the C1 controls, the bidi controls and U+2028, which JSON.stringify leaves raw, and still decodes back', () => {
    const event = unknownEvent('image', { state: 'a\x7fb\x9b2J\x85\u202e\u2066\u2028\u2029', nested: [{ x: '\x90' }] });
    const line = formatJsonLine(event);
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(JSON.stringify(event)).toMatch(/\x9b/);
    expect(decodeEvent(line)).toEqual({ _tag: 'Right', right: event });
  });
});

describe('formatEventLine with names', () => {
  const names = new Map([
    [uri('container', C1), 'web-1'],
    [uri('service', S1), 'web'],
  ]);
  const label = (u: string): string | undefined => names.get(u);

  it('shows the name of the resource and of its parent where it showed short ids, and ids where no name is known', () => {
    const event = containerEvent(C1, 'Running', { parents: [uri('service', S1)], datetime });
    const line = formatEventLine(event, 'Starting', { ...plain, label });
    expect(line).toBe('16:47:28  container    update  Starting → Running              web-1     service/web');
    const unnamed = formatEventLine(
      containerEvent('ffffeeee-1', 'Running', { parents: [uri('stack', 'st-1234567')], datetime }),
      'Starting',
      {
        ...plain,
        label,
      },
    );
    expect(unnamed).toBe('16:47:28  container    update  Starting → Running              ffffeeee  stack/st-12345');
  });

  it('makes a hostile name terminal-safe: it is shown, never acted on', () => {
    const hostile = (): string => 'web\x1b[2J\x07\u202e';
    const line = formatEventLine(containerEvent(C1, 'Running', { parents: [uri('service', S1)], datetime }), undefined, {
      ...plain,
      label: hostile,
    });

    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(line).toContain('web');
  });
});
