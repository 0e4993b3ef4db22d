import type { Environment } from '../node/readEnvironment.js';

const REDACTED = '***';
// Shorter values would be replaced inside ordinary words; no real credential is that short.
const MIN_SECRET_LENGTH = 4;

function value(env: Environment, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Every form in which the credentials of the environment could show up in text: the API key
 * or password, `DOCKERCLOUD_AUTH` and its token (`TutumAccessKey <token>`), the Basic
 * encoding of user and key, and the URL-encoded forms of each. Longest first.
 *
 * @example
 * ```ts
 * secretsOf({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k3y-value' });
 * // ['bWU6azN5LXZhbHVl', 'k3y-value']
 * ```
 * @see {@link scrubSecrets}
 */
export function secretsOf(env: Environment): string[] {
  const found = new Set<string>();
  const user = value(env, 'DOCKERCLOUD_USER');
  for (const name of ['DOCKERCLOUD_APIKEY', 'DOCKERCLOUD_PASS']) {
    const key = value(env, name);
    if (key === undefined) continue;
    found.add(key);
    if (user !== undefined) found.add(Buffer.from(`${user}:${key}`).toString('base64'));
  }
  const auth = value(env, 'DOCKERCLOUD_AUTH');
  if (auth !== undefined) {
    found.add(auth);
    const space = auth.indexOf(' ');
    if (space > 0) found.add(auth.slice(space + 1).trim());
  }
  for (const secret of [...found]) found.add(encodeURIComponent(secret));
  return [...found].filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * `text` with every one of `secrets` replaced by `***`: the last guard before anything is
 * written to the terminal.
 *
 * @example
 * ```ts
 * scrubSecrets('refused s3cr3t', ['s3cr3t']); // 'refused ***'
 * ```
 * @see {@link secretsOf}
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}
