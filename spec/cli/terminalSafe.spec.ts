import { createPalette } from '../../lib/cli/Palette.js';
import { terminalSafe } from '../../lib/cli/terminalSafe.js';

/** Every character a terminal acts on: C0, DEL, C1, bidi controls and marks, line and paragraph separators. */
const ACTIVE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
}

describe('terminalSafe', () => {
  it('shows every C0 control, DEL and every C1 control as its escape', () => {
    for (const char of [...range(0x00, 0x1f), '\x7f', ...range(0x80, 0x9f)]) {
      const safe = terminalSafe(`a${char}b`);
      expect(safe).not.toMatch(ACTIVE);
      // The escape reads back as the character it replaced.
      expect(JSON.parse(`"${safe}"`)).toBe(`a${char}b`);
    }
  });

  it('uses the short escapes for line feed, carriage return and tab, and \\u00XX for the others', () => {
    expect(terminalSafe('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(terminalSafe('\x1b\x07\x7f\x9b')).toBe('\\u001b\\u0007\\u007f\\u009b');
  });

  it('neutralises the bidi embeddings, overrides, isolates and marks, and the line and paragraph separators', () => {
    const chars = ['\u061c', '\u200e', '\u200f', ...range(0x202a, 0x202e), ...range(0x2066, 0x2069), '\u2028', '\u2029'];
    for (const char of chars) {
      const safe = terminalSafe(`x${char}y`);
      expect(safe).not.toMatch(ACTIVE);
      expect(safe).toBe(`x\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}y`);
    }
  });

  it('changes exactly the characters a terminal acts on, in the whole Basic Multilingual Plane', () => {
    const changed = range(0, 0xffff).filter((char) => terminalSafe(char) !== char);
    expect(changed).toEqual(range(0, 0xffff).filter((char) => ACTIVE.test(char)));
    expect(terminalSafe(range(0, 0xffff).join(''))).not.toMatch(ACTIVE);
  });

  it('defuses the attacks: window title (OSC 0/2), clipboard (OSC 52), clear screen (CSI 2J), 8-bit CSI, forged lines', () => {
    const attacks = {
      title: 'Running\x1b]0;pwned\x07',
      title2: 'Running\x1b]2;pwned\x1b\\',
      clipboard: '\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07',
      clear: '\x1b[2J\x1b[H',
      eightBitCsi: '\x9b2J',
      forgedLine: 'Running\n16:47:28  container    update  → Running',
      overwrite: 'Stopped\r16:47:28  container    update  → Running',
      bidi: 'Running\u202egninnuR',
    };
    for (const [name, attack] of Object.entries(attacks)) {
      const safe = terminalSafe(attack);
      expect({ name, safe }).toEqual({ name, safe: expect.not.stringMatching(ACTIVE) });
      expect(safe).not.toContain('\n');
      expect(safe).not.toContain('\r');
    }
    expect(terminalSafe(attacks.clipboard)).toBe('\\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\u0007');
  });

  it('changes nothing twice, and nothing in ordinary text', () => {
    const once = terminalSafe('\x1b[31mred\x1b[39m \u202e\r\n');
    expect(terminalSafe(once)).toBe(once);
    const ordinary = 'Starting → Running  service/5bcf0d3c  é ✓ 漢字 \\u001b';
    expect(terminalSafe(ordinary)).toBe(ordinary);
  });

  it('keeps a line of JSON valid, and equal to what it encoded', () => {
    const event = { type: 'weird\x9b2J', state: '\u202eRunning\u2028', note: 'del\x7f esc\x1b]0;t\x07', nested: [['\x85']] };
    const line = terminalSafe(JSON.stringify(event));
    expect(line).not.toMatch(ACTIVE);
    expect(JSON.parse(line)).toEqual(event);
  });

  it('with keepColours, keeps the colour codes of the palette and nothing else', () => {
    const palette = createPalette(true);
    const painted = `${palette.red('Failed')} ${palette.dim(palette.bold('x'))}`;
    expect(terminalSafe(painted, { keepColours: true })).toBe(painted);
    expect(terminalSafe(`${painted}\x1b[2J\x1b]52;c;eA==\x07\r`, { keepColours: true })).toBe(
      `${painted}\\u001b[2J\\u001b]52;c;eA==\\u0007\\r`,
    );
    expect(terminalSafe(painted)).not.toContain('\x1b');
  });
});
