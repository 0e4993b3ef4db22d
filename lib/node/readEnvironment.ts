import type { StreamAuth } from '../stream/StreamOptions.js';

/** The environment variables the official SDKs read, as a map of names to values. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What the environment says about the stream, in the shape of stream options. */
export interface EnvironmentOptions {
  readonly url?: string;
  readonly namespace?: string;
  readonly auth?: StreamAuth;
}

function value(env: Environment, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/**
 * Reads the stream settings from the environment variables the official Python and Go SDKs
 * honour: `DOCKERCLOUD_AUTH` (a verbatim `Authorization` value, which wins), else
 * `DOCKERCLOUD_USER` with `DOCKERCLOUD_APIKEY` (or `DOCKERCLOUD_PASS`);
 * `DOCKERCLOUD_NAMESPACE`; `DOCKERCLOUD_STREAM_HOST` (or `DOCKERCLOUD_STREAM_URL`).
 *
 * For the Tutum dialect, which takes only a user and a key, the user and key win over
 * `DOCKERCLOUD_AUTH`.
 *
 * @example
 * ```ts
 * readEnvironment({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k' });
 * // { auth: { user: 'me', apiKey: 'k' } }
 * ```
 */
export function readEnvironment(env: Environment, dialect: 'dockercloud' | 'tutum' = 'dockercloud'): EnvironmentOptions {
  const result: { url?: string; namespace?: string; auth?: StreamAuth } = {};
  const url = value(env, 'DOCKERCLOUD_STREAM_HOST') ?? value(env, 'DOCKERCLOUD_STREAM_URL');
  if (url !== undefined) result.url = url;
  const namespace = value(env, 'DOCKERCLOUD_NAMESPACE');
  if (namespace !== undefined) result.namespace = namespace;
  const authorization = value(env, 'DOCKERCLOUD_AUTH');
  const user = value(env, 'DOCKERCLOUD_USER');
  const apiKey = value(env, 'DOCKERCLOUD_APIKEY') ?? value(env, 'DOCKERCLOUD_PASS');
  const userAndKey = user !== undefined && apiKey !== undefined ? { user, apiKey } : undefined;
  if (dialect === 'tutum' && userAndKey !== undefined) result.auth = userAndKey;
  else if (authorization !== undefined) result.auth = { authorization };
  else if (userAndKey !== undefined) result.auth = userAndKey;
  return result;
}
