/**
 * How long a piece of a secret must be to be scrubbed wherever it appears: a text cut in the
 * middle of a secret (an excerpt, a truncated reason) must not carry a long part of it.
 * A form shorter than this is scrubbed only whole.
 */
export const FRAGMENT_LENGTH = 8;

const K = FRAGMENT_LENGTH;
const B = 0x01000193;
// B^K modulo 2^32, to take the leaving character out of the rolling hash.
const B_K = Array.from({ length: K }).reduce<number>((power) => Math.imul(power, B), 1);

// A URL parser turns `\` into `/` in a path: both count as one character when matching.
const code = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c === 92 ? 47 : c;
};
const fold = (text: string): string => text.replace(/\\/g, '/');

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The text with its JSON escapes (`\uXXXX`, `\/`…) and percent escapes decoded, and where each
 * of its characters starts in the original (plus the end): a server can escape any character
 * of a secret, which no list of forms can foresee.
 */
function unescape(text: string): [string, number[]] {
  let out = '';
  const starts: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let decoded: string | undefined;
    let length = 1;
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-f]{4}$/i.test(text.slice(i + 2, i + 6))) {
        decoded = String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        length = 6;
      } else if (next in JSON_ESCAPES) {
        decoded = JSON_ESCAPES[next];
        length = 2;
      }
    } else if (c === '%') {
      // A UTF-8 sequence is one to four escapes; its lead byte says how many.
      const lead = parseInt(text.slice(i + 1, i + 3), 16);
      const bytes = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      try {
        decoded = decodeURIComponent(text.slice(i, i + 3 * bytes));
        length = 3 * bytes;
      } catch {
        // Not an escape: the `%` stands for itself.
      }
    }
    decoded ??= c;
    // By UTF-16 unit, as the forms are matched: a code point may take two.
    for (let unit = 0; unit < decoded.length; unit++) starts.push(i);
    out += decoded;
    i += length;
  }
  starts.push(text.length);
  return [out, starts];
}

/**
 * A function that replaces, in any text, every occurrence of each of `forms`, and every piece
 * of at least {@link FRAGMENT_LENGTH} characters of one, with `***`. Escapes are seen through:
 * a form written with JSON or percent escapes of any of its characters is found as well. The
 * cost on a text without secrets is one pass of a rolling hash (and one more over the
 * unescaped text when it holds a `\` or a `%`).
 *
 * @example
 * ```ts
 * const scrub = createScrubber(credentialForms({ apiKey: '2f1c9a7e-58b4-4c1e-9d3a-77e0c5b1a2d4' }));
 * scrub('refused 2f1c9a7e-58b4-4c'); // 'refused ***'
 * ```
 * @see {@link credentialForms}
 */
export function createScrubber(forms: readonly string[]): (text: string) => string {
  const grams = new Set<string>();
  // One bit per value of the upper half of a hash: most windows are turned down by it alone.
  const seen = new Uint8Array(8192);
  const whole: string[] = [];
  for (const form of forms) {
    if (form.length < K) {
      if (form !== '') whole.push(fold(form));
      continue;
    }
    let h = 0;
    for (let i = 0; i < form.length; i++) {
      h = (Math.imul(h, B) + code(form, i) - (i >= K ? Math.imul(code(form, i - K), B_K) : 0)) | 0;
      if (i < K - 1) continue;
      grams.add(fold(form.slice(i + 1 - K, i + 1)));
      seen[h >>> 19] |= 1 << ((h >>> 16) & 7);
    }
  }

  // Adds to `spans` the [start, end) of every secret piece in `text`.
  const find = (text: string, spans: number[]): void => {
    let h = 0;
    for (let i = 0; i < text.length; i++) {
      h = (Math.imul(h, B) + code(text, i) - (i >= K ? Math.imul(code(text, i - K), B_K) : 0)) | 0;
      if (i >= K - 1 && seen[h >>> 19] & (1 << ((h >>> 16) & 7)) && grams.has(fold(text.slice(i + 1 - K, i + 1)))) {
        spans.push(i + 1 - K, i + 1);
      }
    }
    if (whole.length === 0) return;
    const folded = fold(text);
    for (const form of whole) {
      for (let at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) spans.push(at, at + form.length);
    }
  };

  return (text) => {
    if (grams.size === 0 && whole.length === 0) return text;
    const spans: number[] = [];
    find(text, spans);
    if (/[\\%]/.test(text)) {
      const [view, starts] = unescape(text);
      const found: number[] = [];
      find(view, found);
      for (let i = 0; i < found.length; i += 2) spans.push(starts[found[i]!]!, starts[found[i + 1]!]!);
    }
    if (spans.length === 0) return text;
    const order = [...Array(spans.length / 2).keys()].sort((a, b) => spans[2 * a]! - spans[2 * b]!);
    let out = '';
    // Where the last span ends: overlapping and touching spans make one `***`.
    let end = -1;
    for (const index of order) {
      const start = spans[2 * index]!;
      if (start > end) out += `${text.slice(Math.max(end, 0), start)}***`;
      end = Math.max(end, spans[2 * index + 1]!);
    }
    return out + text.slice(end);
  };
}
