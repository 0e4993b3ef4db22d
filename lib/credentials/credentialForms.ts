import { basicAuthorization } from './basicAuthorization.js';
import type { Credentials } from './Credentials.js';

// The text a Basic token stands for, if it is base64 (or base64url) of UTF-8.
function unbase64(token: string): string | undefined {
  try {
    const binary = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

const json = (text: string): string => JSON.stringify(text).slice(1, -1);

// How a server, a proxy or a socket library may quote a secret back: as it is, URL-encoded,
// form-encoded (`+` for a space), JSON-escaped (and with `\/`). Any other escape, `%XX` in
// any case or `\uXXXX` of any character, is decoded by the scrubber before it matches; these
// forms are for a text cut in the middle of an escape, and for `+`, which it cannot decode.
const ENCODINGS: readonly ((text: string) => string)[] = [
  (text) => text,
  encodeURIComponent,
  (text) => new URLSearchParams([['', text]]).toString().slice(1),
  json,
  (text) => json(text).replace(/\//g, '\\/'),
];

/**
 * Every form in which credentials can surface in text, longest first: the API key; the
 * base64 of `user:key` (and its base64url); the token after the scheme word of an
 * `Authorization` value (`Basic`, `TutumAccessKey`, `ApiKey`, `Bearer`, any word); the key
 * inside a `Basic` token (decoded) and after the `user:` of an `ApiKey user:key` token; and
 * each of them URL-encoded, form-encoded and JSON-escaped. The user name alone is not a secret
 * and is not among them. This is the only place that knows what a credential looks like:
 * {@link createScrubber} removes these forms, and any long fragment of them, from text.
 *
 * @example
 * ```ts
 * credentialForms({ user: 'me', apiKey: 'k3y/value' });
 * // ['bWU6azN5L3ZhbHVl', 'k3y%2Fvalue', 'k3y\\/value', 'k3y/value']
 * ```
 * @see {@link createScrubber}
 */
export function credentialForms(credentials: Credentials): string[] {
  const secrets: string[] = [];
  // The part after the first `:` of `user:key` is the key; the user is not a secret.
  const keyOf = (pair: string): void => {
    secrets.push(pair.slice(pair.indexOf(':') + 1));
  };
  // A base64 text may be quoted in the URL-safe alphabet too (and without its padding, which
  // is a fragment).
  const encoded = (text: string): void => {
    secrets.push(text, text.replace(/\+/g, '-').replace(/\//g, '_'));
  };
  const { user, apiKey, authorization } = credentials;
  if (apiKey !== undefined) {
    secrets.push(apiKey);
    if (user !== undefined) encoded(basicAuthorization(user, apiKey).slice(6));
  }
  if (authorization !== undefined) {
    const [, scheme = '', token = authorization] = /^\s*(\S+)\s+(.*?)\s*$/s.exec(authorization) ?? [];
    const pair = /^basic$/i.test(scheme) ? unbase64(token) : undefined;
    if (pair === undefined) {
      secrets.push(token);
      keyOf(token);
    } else {
      encoded(token);
      keyOf(pair);
    }
  }
  const forms = new Set<string>();
  for (const secret of secrets) for (const encode of ENCODINGS) forms.add(encode(secret));
  forms.delete('');
  return [...forms].sort((a, b) => b.length - a.length);
}
