import type { StreamOptions } from '../stream/StreamOptions.js';
import { readEnvironment, type Environment } from './readEnvironment.js';

/** A stream URL that names its endpoint: the namespace is then the URL's, not the environment's. */
const ENDPOINT = /\/events\/?(?:[?#].*)?$/;

function value(env: Environment, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/**
 * The REST settings of the Node entry's REST helpers (`watchResources`, `createDetailsCache`):
 * what the options give, else what the environment says, as the official SDKs read it (the
 * stream's `DOCKERCLOUD_*` settings, `DOCKERCLOUD_NAMESPACE` for REST too, and
 * `DOCKERCLOUD_REST_HOST` for `restUrl`). Only the settings found are present, so that the
 * result spreads over the options.
 *
 * @example
 * ```ts
 * readRestSettings({ namespace: 'acme' }, { DOCKERCLOUD_REST_HOST: 'http://127.0.0.1:8080' });
 * // { restUrl: 'http://127.0.0.1:8080', namespace: 'acme' }
 * ```
 * @internal
 */
export function readRestSettings(
  options: {
    readonly dialect?: 'dockercloud' | 'tutum';
    readonly url?: string;
    readonly restUrl?: string;
    readonly namespace?: string;
    readonly auth?: StreamOptions['auth'];
  },
  env: Environment,
): { readonly url?: string; readonly restUrl?: string; readonly namespace?: string; readonly auth?: StreamOptions['auth'] } {
  const dialect = options.dialect ?? 'dockercloud';
  const fromEnv = readEnvironment(env, dialect);
  // The stream host read from the environment also decides the REST host, if not given.
  const url = options.url ?? fromEnv.url;
  const restUrl = options.restUrl ?? value(env, 'DOCKERCLOUD_REST_HOST');
  // REST needs the namespace the stream reads from the environment, but as for the stream,
  // it yields to a stream URL that names its endpoint (give it in the options then).
  const envNamespace = dialect === 'tutum' || (url !== undefined && ENDPOINT.test(url)) ? undefined : fromEnv.namespace;
  const namespace = options.namespace ?? envNamespace;
  const auth = options.auth ?? fromEnv.auth;
  return {
    ...(url !== undefined ? { url } : {}),
    ...(restUrl !== undefined ? { restUrl } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(auth !== undefined ? { auth } : {}),
  };
}
