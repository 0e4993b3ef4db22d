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

/**
 * `text` with every one of `secrets`, and every piece of at least 8 characters of one (see
 * `createScrubber`), replaced by `***`, escapes seen through: the last guard before anything
 * is written to the terminal. It builds the scrubber for this one text: what scrubs many (a
 * `Terminal`, the event lines) builds it once with `createScrubber(secrets)` and keeps it,
 * which costs a fifth to a half as much per line (`node --expose-gc bench/moduleState/run.mjs`:
 * 8-27 µs a line with a kept scrubber, 37-87 µs building it each time, on a loaded machine).
 * A module-level cache (it was one, a `WeakMap` keyed by the list) is not needed for that:
 * the owner keeps its scrubber.
 *
 * @example
 * ```ts
 * scrubSecrets('refused s3cr3t', ['s3cr3t']); // 'refused ***'
 * ```
 * @see {@link secretsOf}
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return createScrubber(secrets)(text);
}
