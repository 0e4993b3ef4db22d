const SECRET_PARAMS = new Set(['token', 'auth', 'apikey', 'api_key', 'key', 'password', 'pass', 'secret', 'authorization']);

/**
 * The URL with every credential replaced by `***`: the values of query parameters such as
 * `token` and `auth`, and any `user:password@` part. Every URL the library prints or reports
 * goes through it.
 *
 * @example
 * ```ts
 * redactUrl('wss://stream.tutum.co/v1/events?user=me&token=s3cr3t');
 * // 'wss://stream.tutum.co/v1/events?user=me&token=***'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL we can take apart: redact anything that looks like a secret parameter.
    return url.replace(/([?&](?:token|auth|apikey|api_key|key|password|pass|secret|authorization)=)[^&#]*/gi, '$1***');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '***';
    parsed.password = '';
  }
  const params = parsed.searchParams;
  let changed = false;
  for (const name of [...params.keys()]) {
    if (SECRET_PARAMS.has(name.toLowerCase())) {
      params.set(name, '***');
      changed = true;
    }
  }
  // URLSearchParams re-encodes `*`, which would make the output harder to read.
  return changed ? parsed.toString().replace(/%2A%2A%2A/g, '***') : parsed.toString();
}
