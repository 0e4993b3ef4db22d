/**
 * The URL of a request as the emulator reads it: the path with every run of slashes made one,
 * the query as sent.
 *
 * Docker Cloud served a path with doubled slashes as the path without them, and clients
 * relied on it: the official Go client joins `DOCKERCLOUD_REST_HOST` and `/api/` (a host
 * given with a trailing slash asks for `//api/…`), and its `GetNodeCluster(uri)` appends a
 * `/` to a resource URI (`…/<uuid>//`). The emulator serves such a path where it is, never by
 * redirecting (a redirect would make a client send its credentials again, perhaps elsewhere).
 *
 * The path is collapsed before it is parsed: `new URL('//api/…', base)` would read `api` as a
 * host name.
 *
 * @example
 * ```ts
 * readRequestUrl('//api/infra/v1/acme/nodecluster/5bcf//?limit=1').pathname;
 * // '/api/infra/v1/acme/nodecluster/5bcf/'
 * ```
 * @internal
 */
export function readRequestUrl(target: string | undefined): URL {
  const raw = target ?? '/';
  // An absolute-form target (`http://host/path`, as sent to a proxy) names its own origin.
  if (!raw.startsWith('/')) return new URL(raw, 'http://emulator');
  const query = raw.indexOf('?');
  const path = query < 0 ? raw : raw.slice(0, query);
  return new URL(path.replace(/\/{2,}/g, '/') + (query < 0 ? '' : raw.slice(query)), 'http://emulator');
}
