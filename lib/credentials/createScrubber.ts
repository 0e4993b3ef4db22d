/**
 * How long a piece of a secret must be to be scrubbed wherever it appears: a text cut in the
 * middle of a secret (an excerpt, a truncated reason) must not carry a long part of it.
 * A form shorter than this is scrubbed only whole.
 *
 * @example
 * ```ts
 * const scrub = createScrubber(['2f1c9a7e-58b4-4c1e']);
 * scrub('cut: 2f1c9a7e'); // 'cut: ***' (8 characters of the key)
 * scrub('cut: 2f1c9a7'); // 'cut: 2f1c9a7' (7: below FRAGMENT_LENGTH)
 * ```
 */
export const FRAGMENT_LENGTH = 8;

const K = FRAGMENT_LENGTH;
const B = 0x9e3779b1;
// B^K modulo 2^32, to take the leaving character out of the rolling hash.
const B_K = Array.from({ length: K }).reduce<number>((power) => Math.imul(power, B), 1);

// A URL parser turns `\` into `/` in a path: both count as one character when matching.
const code = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c === 92 ? 47 : c;
};
const fold = (text: string): string => text.replace(/\\/g, '/');

const JSON_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const ESCAPE = /\\u[0-9a-fA-F]{4}|\\["\\/bfnrt]|(?:%[0-9a-fA-F]{2})+/g;

/**
 * The text with its JSON escapes (`\uXXXX`, `\/`…) and percent escapes decoded, and a map of
 * positions back to the text: a server can escape any character of a secret, which no list of
 * forms can foresee. `runs` holds, for each escape (or run of percent escapes), where its
 * decoding starts and ends in the view and where the escape starts and ends in the text.
 */
function unescape(text: string): [string, (at: number, end: boolean) => number] {
  const runs: number[] = [];
  let view = '';
  let last = 0;
  // `matchAll` works on a copy of the expression: the module's one keeps no `lastIndex`.
  for (const match of text.matchAll(ESCAPE)) {
    const escape = match[0];
    let decoded: string;
    if (escape[0] === '%') {
      try {
        decoded = decodeURIComponent(escape);
      } catch {
        // Not UTF-8: the ASCII escapes are decoded, the other bytes left as they are.
        decoded = escape.replace(/%[0-7][0-9a-fA-F]/g, (hex) => String.fromCharCode(parseInt(hex.slice(1), 16)));
      }
    } else {
      decoded = escape[1] === 'u' ? String.fromCharCode(parseInt(escape.slice(2), 16)) : JSON_ESCAPES[escape[1]!] ?? escape[1]!;
    }
    const at = match.index!;
    view += text.slice(last, at);
    runs.push(view.length, view.length + decoded.length, at, (last = at + escape.length));
    view += decoded;
  }
  view += text.slice(last);
  // A position inside a decoded escape stands for the whole escape.
  const toText = (at: number, end: boolean): number => {
    let low = 0;
    let high = runs.length / 4;
    // The first run that ends at or after `at` (for an end, after it).
    while (low < high) {
      const mid = (low + high) >> 1;
      if (end ? runs[4 * mid + 1]! < at : runs[4 * mid + 1]! <= at) low = mid + 1;
      else high = mid;
    }
    const run = 4 * low;
    if (run < runs.length && (end ? runs[run]! < at : runs[run]! <= at)) return runs[run + (end ? 3 : 2)]!;
    // Between escapes the view and the text differ by what the escapes before took.
    return run === 0 ? at : at - runs[run - 3]! + runs[run - 1]!;
  };
  return [view, toText];
}

/**
 * A function that replaces, in any text, every occurrence of each of `forms`, and every piece
 * of at least {@link FRAGMENT_LENGTH} characters of one, with `***`. Escapes are seen through:
 * a form written with JSON or percent escapes of any of its characters is found as well. The
 * cost on a text without secrets is one pass of a rolling hash (and one more over the
 * unescaped text when it holds a `\` or a `%`), a few times that of `JSON.parse` on it.
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
      const bit = Math.imul(h, B) >>> 16;
      seen[bit >>> 3] |= 1 << (bit & 7);
    }
  }

  // Adds to `spans` the [start, end) of every secret piece in `text`.
  const find = (text: string, spans: number[]): void => {
    let h = 0;
    for (let i = 0; i < text.length; i++) {
      h = (Math.imul(h, B) + code(text, i) - (i >= K ? Math.imul(code(text, i - K), B_K) : 0)) | 0;
      const bit = Math.imul(h, B) >>> 16;
      if (seen[bit >>> 3]! & (1 << (bit & 7)) && i >= K - 1 && grams.has(fold(text.slice(i + 1 - K, i + 1)))) {
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
      const [view, toText] = unescape(text);
      const found: number[] = [];
      find(view, found);
      for (let i = 0; i < found.length; i += 2) spans.push(toText(found[i]!, false), toText(found[i + 1]!, true));
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
