// The query parameters known to carry no secret: the stream's filters and the REST pagination.
const HARMLESS = new Set(['type', 'object', 'parent', 'parents', 'limit', 'offset']);

/**
 * The URL as it can be printed: the value of every query parameter is replaced by `***`
 * except the filters and the pagination (`type`, `object`, `parent`, `parents`, `limit`,
 * `offset`), and so are a `user:password@` part and a `#fragment`. It is an allow-list: a
 * parameter nobody thought of is redacted (so is `user`: half of a credential, and known to
 * whoever reads it anyway). In text that is not an absolute URL, every query value is
 * redacted. Every URL the library prints or reports goes through it.
 *
 * @example
 * ```ts
 * redactUrl('wss://stream.tutum.co/v1/events?user=me&token=s3cr3t');
 * // 'wss://stream.tutum.co/v1/events?user=***&token=***'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/?#@\s]*@/, '//***@').replace(/([?&][^=&#\s]*=)[^&#\s]*/g, '$1***');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '***';
    parsed.password = '';
  }
  // The pieces are kept as they were written, so that a harmless value is printed unchanged.
  parsed.search = parsed.search
    .slice(1)
    .split('&')
    .map((piece) => {
      const equals = piece.indexOf('=');
      if (equals < 0) return piece;
      let name = piece.slice(0, equals);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A name that does not decode is not one of the harmless ones.
      }
      return HARMLESS.has(name) ? piece : `${piece.slice(0, equals)}=***`;
    })
    .join('&');
  if (parsed.hash !== '') parsed.hash = '***';
  return parsed.toString();
}
