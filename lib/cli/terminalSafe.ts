/**
 * The characters a terminal would act on instead of showing: the C0 controls (ESC, BEL, CR,
 * LF, TAB, BS…), DEL, the C1 controls (U+0080–U+009F, among them the one-byte CSI U+009B and
 * OSC U+009D), the bidi embeddings, overrides, isolates and marks (U+061C, U+200E–U+200F,
 * U+202A–U+202E, U+2066–U+2069), which reorder what follows them on screen, and the line and
 * paragraph separators (U+2028, U+2029), which some terminals and log viewers break lines on.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point: they are what gets escaped.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** The same, plus the colour codes (SGR, `ESC [ n m`) of the CLI's own palette, kept whole. */
// eslint-disable-next-line no-control-regex -- as above, plus ESC to keep the palette's colour codes.
const UNSAFE_BUT_COLOURS = /\x1b\[\d{1,3}m|[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

// The short forms of JSON and JavaScript, where they exist, read better than `\u000a`.
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function escape(char: string): string {
  return SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** How {@link terminalSafe} treats escape sequences. */
export interface TerminalSafeOptions {
  /**
   * Keep colour codes (`ESC [ n m`, nothing else) as they are: for a whole line painted by
   * the CLI's own palette, where every value from a server was made safe before it was
   * painted. Default false: every ESC is shown as `\u001b`.
   */
  readonly keepColours?: boolean;
}

/**
 * `text` as a terminal can show it without acting on it: every control character, bidi
 * control and line separator is replaced by its visible JSON escape (`\u001b` for ESC,
 * `\u0007` for BEL, `\u009b` for the C1 CSI, `\u202e` for a right-to-left override, `\n` and
 * `\r` for a line feed and a carriage return). Nothing else changes, so the text of an
 * escape sequence is still there to read (`\u001b]0;title\u0007`), but nothing runs: no
 * retitled window (OSC 0/2), no clipboard write (OSC 52), no cleared screen (CSI 2J), no
 * forged or reordered line.
 *
 * The escapes are those of JSON: applied to a line of JSON, the result is still JSON and
 * parses back to the same value, since the characters it replaces can only stand inside
 * strings there. The result has none of the characters it replaces, so applying it twice
 * changes nothing. A backslash that was in the text stays as it is.
 *
 * @example
 * ```ts
 * terminalSafe('Running\x1b]0;pwned\x07'); // 'Running\\u001b]0;pwned\\u0007'
 * terminalSafe('ok\r12:00:00  forged'); // 'ok\\r12:00:00  forged'
 * ```
 * @see {@link Terminal}, which applies it to everything it writes
 */
export function terminalSafe(text: string, options: TerminalSafeOptions = {}): string {
  if (options.keepColours === true) return text.replace(UNSAFE_BUT_COLOURS, (match) => (match.length > 1 ? match : escape(match)));
  return text.replace(UNSAFE, escape);
}
