// An independent check that no form of a secret, nor any piece of one of 8 characters or
// more, is in a text: written without the library's code, so that a bug there cannot hide here.
import fc from 'fast-check';

export const FRAGMENT = 8;

/** The text with JSON escapes and percent escapes decoded (each decodable run as a whole). */
function unescaped(text: string): string {
  const json = text.replace(/\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])/g, (_m, hex: string | undefined, c: string | undefined) =>
    hex !== undefined
      ? String.fromCharCode(parseInt(hex, 16))
      : (({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c!] ?? c!),
  );
  return json.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** The forms a reader could recognise a secret in: raw and with the usual encodings. */
export function referenceForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      json,
      json.replace(/\//g, '\\/'),
    ]),
  ];
}

/** The first piece of `FRAGMENT` characters (or the whole, if shorter) of a form of a secret found in `text`. */
export function findLeak(text: string, secrets: readonly string[]): string | undefined {
  // A URL parser turns `\` into `/` in a path: a piece is looked for with either.
  const fold = (t: string): string => t.replace(/\\/g, '/');
  const views = [text, unescaped(text)].map(fold);
  for (const secret of secrets) {
    for (const form of referenceForms(secret)) {
      const size = Math.min(FRAGMENT, form.length);
      for (let i = 0; i + size <= form.length; i++) {
        const piece = form.slice(i, i + size);
        if (views.some((view) => view.includes(fold(piece)))) return piece;
      }
    }
  }
  return undefined;
}

/** Throws, quoting the text, if a form or a long piece of one of `secrets` is in `text`. */
export function expectNoLeak(text: string, secrets: readonly string[]): void {
  const leak = findLeak(text, secrets);
  if (leak !== undefined) throw new Error(`a piece of a secret leaked (${JSON.stringify(leak)}) in: ${text}`);
}

/**
 * Every text `value` exposes, one by one: each string in it, and of each Error (nested too) its
 * name, message, own fields and the text of its stack (without the frames, which quote the
 * test's own source). The texts are checked as the library wrote them, not inside a JSON
 * serialisation, which would add a layer of escapes of its own.
 */
export function exposedStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const parts: unknown[] =
    value instanceof Error ? [value.name, value.message, value.stack?.split(/\n\s+at /)[0], ...Object.values(value)] : Object.values(value);
  // A cause may be a prototype getter (MessageError works its DecodeError out when first read), which Object.values misses.
  if (value instanceof Error && 'cause' in value) parts.push((value as { cause?: unknown }).cause);
  return parts.flatMap((part) => exposedStrings(part, seen));
}

/** Throws, quoting the text, if any text `value` exposes holds a form or a long piece of one of `secrets`. */
export function expectNoLeakIn(value: unknown, secrets: readonly string[]): void {
  for (const text of exposedStrings(value)) expectNoLeak(text, secrets);
}

/** API keys as hostile as they come: the characters that need escaping, and any Unicode. */
export const apiKeys = (minLength = 12): fc.Arbitrary<string> =>
  fc.string({
    minLength,
    maxLength: 48,
    unit: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'.split('')) },
      { weight: 2, arbitrary: fc.constantFrom(...'/+=:%"\\ &?#*'.split('')) },
      { weight: 1, arbitrary: fc.constantFrom('é', 'ü', '✓', '中', '😀') },
    ),
  });

/** User names: the letters and signs a login may have. */
export const users = fc.string({
  minLength: 1,
  maxLength: 16,
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._-'.split('')),
});

/** Scheme words of an Authorization value. */
export const schemes = fc.oneof(fc.constantFrom('TutumAccessKey', 'ApiKey', 'Bearer', 'Token'), fc.stringMatching(/^[A-Z][a-zA-Z]{2,11}$/));
