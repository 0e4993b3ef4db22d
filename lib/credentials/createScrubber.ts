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

// Calls `visit` with the end and the rolling hash of every window of K characters of `text`
// (of those whose hash is in `only`, when given: the check stays in the loop, no call per window).
function windows(text: string, only: ReadonlySet<number> | undefined, visit: (end: number, hash: number) => void): void {
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    h = (Math.imul(h, B) + code(text, i) - (i >= K ? Math.imul(code(text, i - K), B_K) : 0)) | 0;
    if (i >= K - 1 && (only === undefined || only.has(h))) visit(i + 1, h);
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
      windows(form, undefined, (end, hash) => {
        hashes.add(hash);
        grams.add(fold(form.slice(end - K, end)));
      });
    } else if (form !== '') whole.push(fold(form));
  }

  // Calls `mark` with the [start, end) of every secret piece in `text`.
  const find = (text: string, mark: (start: number, end: number) => void): void => {
    windows(text, hashes, (end) => {
      if (grams.has(fold(text.slice(end - K, end)))) mark(end - K, end);
    });
    const folded = fold(text);
    for (const form of whole) {
      for (let at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) mark(at, at + form.length);
    }
  };

  return (text) => {
    // One flag per character of the text, made at the first secret found: whether it belongs to one.
    let secret: Uint8Array | undefined;
    const mark = (start: number, end: number): void => void (secret ??= new Uint8Array(text.length + 1)).fill(1, start, end);
    find(text, mark);
    if (/[\\%]/.test(text)) {
      const [view, starts, ends] = unescape(text);
      find(view, (start, end) => mark(starts[start]!, ends[end - 1]!));
    }
    if (!secret) return text;
    // Each run of secret characters (overlapping and touching pieces make one) becomes one `***`.
    let out = '';
    let kept = 0;
    for (let i = 0; i <= text.length; i++) {
      if (secret[i] && !secret[i - 1]) out += `${text.slice(kept, i)}***`;
      else if (!secret[i] && secret[i - 1]) kept = i;
    }
    return out + text.slice(kept);
  };
}
