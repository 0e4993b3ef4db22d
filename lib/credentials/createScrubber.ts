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
// The memo of each scrubber: texts up to this length, this many of them (at most 256 K characters
// held, the scrubbed text being the text itself when it holds no secret). On the string fields of
// a 10,000-container listing it halves the time of a scrub (measured for benchmark 8: the details of each listed object).
const MEMO_TEXT_LENGTH = 128;
const MEMO_SIZE = 2048;
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

function decode(escape: string): string {
  if (escape[0] !== '%')
    return escape[1] === 'u' ? String.fromCharCode(parseInt(escape.slice(2), 16)) : (JSON_ESCAPES[escape[1]!] ?? escape[1]!);
  try {
    return decodeURIComponent(escape);
  } catch {
    // Not UTF-8: the ASCII escapes are decoded, the other bytes left as they are.
    return escape.replace(/%[0-7][0-9a-fA-F]/g, (hex) => String.fromCharCode(parseInt(hex.slice(1), 16)));
  }
}

/**
 * The text with its JSON escapes (`\uXXXX`, `\/`…) and percent escapes decoded (a server can
 * escape any character of a secret, which no list of forms can foresee), and for each
 * character of it, where it starts and ends in the text: a character of a decoded escape
 * stands for the whole escape.
 */
function unescape(text: string): [view: string, starts: number[], ends: number[]] {
  let view = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const add = (piece: string, from: number, to: number, escaped: boolean): void => {
    view += piece;
    for (let i = 0; i < piece.length; i++) {
      starts.push(escaped ? from : from + i);
      ends.push(escaped ? to : from + i + 1);
    }
  };
  let last = 0;
  // `matchAll` works on a copy of the expression: the module's one keeps no `lastIndex`.
  for (const match of text.matchAll(ESCAPE)) {
    const at = match.index;
    add(text.slice(last, at), last, at, false);
    add(decode(match[0]), at, (last = at + match[0].length), true);
  }
  add(text.slice(last), last, text.length, false);
  return [view, starts, ends];
}

// Calls `visit` with the end and the rolling hash of every window of K characters of `text`.
function windows(text: string, visit: (end: number, hash: number) => void): void {
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    h = (Math.imul(h, B) + code(text, i) - (i >= K ? Math.imul(code(text, i - K), B_K) : 0)) | 0;
    if (i >= K - 1) visit(i + 1, h);
  }
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
  // The hashes of the grams: most windows of a text are turned down by them alone, without
  // cutting the window out of the text.
  const hashes = new Set<number>();
  const whole: string[] = [];
  for (const form of forms) {
    if (form.length >= K) {
      windows(form, (end, hash) => {
        hashes.add(hash);
        grams.add(fold(form.slice(end - K, end)));
      });
    } else if (form !== '') whole.push(fold(form));
  }

  // A first sieve of the windows' hashes, by their top 16 bits: most windows of a text stop
  // at one array read, before the set is asked.
  const sieve = new Uint8Array(1 << 16);
  for (const hash of hashes) sieve[hash >>> 16] = 1;

  // Calls `mark` with the [start, end) of every secret piece in `text`.
  const find = (text: string, mark: (start: number, end: number) => void): void => {
    // The rolling hash of `windows`, inline: this loop is most of a scrub's cost.
    let h = 0;
    for (let i = 0; i < text.length; i++) {
      h = (Math.imul(h, B) + code(text, i) - (i >= K ? Math.imul(code(text, i - K), B_K) : 0)) | 0;
      if (i >= K - 1 && sieve[h >>> 16] === 1 && hashes.has(h) && grams.has(fold(text.slice(i + 1 - K, i + 1)))) mark(i + 1 - K, i + 1);
    }
    const folded = whole.length === 0 ? '' : fold(text);
    for (const form of whole) {
      for (let at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) mark(at, at + form.length);
    }
  };

  // The shortest text that can hold a secret piece: a window, or the shortest whole form.
  const shortest = Math.min(hashes.size > 0 ? K : Infinity, ...whole.map((form) => form.length));
  // A bounded memo of the short texts already scrubbed: a listing repeats the same values (parent
  // URIs, images, dates) in every object. Emptied when full.
  const memo = new Map<string, string>();

  const scrubOnce = (text: string): string => {
    // One flag per character of the text, made at the first secret found: whether it belongs to one.
    let secret: Uint8Array | undefined;
    const mark = (start: number, end: number): void => {
      (secret ??= new Uint8Array(text.length + 1)).fill(1, start, end);
    };
    find(text, mark);
    if (/[\\%]/.test(text)) {
      const [view, starts, ends] = unescape(text);
      find(view, (start, end) => mark(starts[start]!, ends[end - 1]!));
    }
    if (secret === undefined) return text;
    // Each run of secret characters (overlapping and touching pieces make one) becomes one `***`.
    let out = '';
    let kept = 0;
    for (let i = 0; i <= text.length; i++) {
      if (secret[i] && !secret[i - 1]) out += `${text.slice(kept, i)}***`;
      else if (!secret[i] && secret[i - 1]) kept = i;
    }
    return out + text.slice(kept);
  };

  return (text) => {
    if (text.length < shortest) return text;
    if (text.length > MEMO_TEXT_LENGTH) return scrubOnce(text);
    let scrubbed = memo.get(text);
    if (scrubbed === undefined) {
      scrubbed = scrubOnce(text);
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(text, scrubbed);
    }
    return scrubbed;
  };
}
