import { createScrubber } from '../credentials/createScrubber.js';
import { credentialForms } from '../credentials/credentialForms.js';
import type { Environment } from '../node/readEnvironment.js';

function value(env: Environment, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Every form in which the credentials of the environment could show up in text, as
 * `credentialForms` derives them: `DOCKERCLOUD_APIKEY` and `DOCKERCLOUD_PASS` (each with
 * `DOCKERCLOUD_USER`), and `DOCKERCLOUD_AUTH` (its token, the key inside a Basic token), each
 * raw, URL-, form- and JSON-encoded. Longest first; the user name alone is not among them.
 *
 * @example
 * ```ts
 * secretsOf({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k3y/value' });
 * // ['bWU6azN5L3ZhbHVl', 'k3y%2Fvalue', 'k3y\\/value', 'k3y/value']
 * ```
 * @see {@link scrubSecrets}
 */
export function secretsOf(env: Environment): string[] {
  const user = value(env, 'DOCKERCLOUD_USER');
  const forms = new Set<string>();
  for (const credentials of [
    { user, apiKey: value(env, 'DOCKERCLOUD_APIKEY') },
    { user, apiKey: value(env, 'DOCKERCLOUD_PASS') },
    { authorization: value(env, 'DOCKERCLOUD_AUTH') },
  ]) {
    for (const form of credentialForms(credentials)) forms.add(form);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

// One scrubber per list of secrets, built on first use: a terminal scrubs every line it
// writes with the same list. A cache of a pure function of an immutable key, never observed.
const scrubbers = new WeakMap<readonly string[], (text: string) => string>();

/**
 * `text` with every one of `secrets`, and every piece of at least 8 characters of one (see
 * `createScrubber`), replaced by `***`, escapes seen through: the last guard before anything
 * is written to the terminal. `secrets` is best the list `secretsOf` gives, passed again for
 * every text (the scrubber built for it is kept as long as the list is).
 *
 * @example
 * ```ts
 * scrubSecrets('refused s3cr3t', ['s3cr3t']); // 'refused ***'
 * ```
 * @see {@link secretsOf}
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrub = scrubbers.get(secrets);
  if (scrub === undefined) {
    scrub = createScrubber(secrets);
    scrubbers.set(secrets, scrub);
  }
  return scrub(text);
}
