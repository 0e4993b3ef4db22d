/**
 * The credentials a request presented, read but not yet checked.
 *
 * @internal
 */
export type PresentedCredentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'user'; readonly user: string; readonly apiKey: string }
  | { readonly kind: 'token'; readonly token: string };

/**
 * Reads the credentials of a handshake or REST request in each form the clients sent them,
 * first found wins: the `Authorization` header (`Basic base64(user:apikey)`,
 * `ApiKey user:apikey`, `TutumAccessKey <key>`), the query's `auth` (a header value), then the
 * query's `user` and `token` (Tutum).
 *
 * @example
 * ```ts
 * readCredentials('ApiKey alice:k3y', new URLSearchParams()); // { kind: 'user', user: 'alice', apiKey: 'k3y' }
 * ```
 * @internal
 */
export function readCredentials(header: string | undefined, query: URLSearchParams): PresentedCredentials {
  if (header !== undefined && header.trim() !== '') return readHeaderValue(header);
  const auth = query.get('auth');
  if (auth !== null) return readHeaderValue(auth);
  const user = query.get('user');
  const token = query.get('token');
  if (user !== null || token !== null) {
    return user === null || token === null || user === '' || token === '' ? { kind: 'malformed' } : { kind: 'user', user, apiKey: token };
  }
  return { kind: 'none' };
}

function readHeaderValue(value: string): PresentedCredentials {
  const match = /^\s*(\S+)\s+(\S.*?)\s*$/.exec(value);
  if (match === null) return { kind: 'malformed' };
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  switch (scheme) {
    case 'basic': {
      if (!/^[A-Za-z0-9+/]+=*$/.test(rest)) return { kind: 'malformed' };
      return splitUserKey(Buffer.from(rest, 'base64').toString('utf8'));
    }
    case 'apikey':
      return splitUserKey(rest);
    case 'tutumaccesskey':
      return { kind: 'token', token: rest };
    default:
      return { kind: 'malformed' };
  }
}

function splitUserKey(text: string): PresentedCredentials {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return { kind: 'malformed' };
  return { kind: 'user', user: text.slice(0, colon), apiKey: text.slice(colon + 1) };
}
