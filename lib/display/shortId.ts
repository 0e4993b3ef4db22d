import { parseResourceUri } from '../uri/parseResourceUri.js';

/** How many characters of a uuid identify a resource on screen, as `docker` shortens ids. */
export const SHORT_ID_LENGTH = 8;

function lastSegment(uri: string): string {
  const parts = uri.split(/[/?#]/).filter((part) => part !== '');
  return parts[parts.length - 1] ?? '';
}

/**
 * The first 8 characters of the uuid a resource URI names (`0b0e1234`), or of its last path
 * segment when it is not a resource URI.
 *
 * @example
 * ```ts
 * shortId('/api/app/v1/acme/container/093ba3bb-08dd-48f0-8f12-4d3b85ef85b3/'); // '093ba3bb'
 * ```
 * @see {@link shortResource}
 */
export function shortId(uri: string): string {
  const ref = parseResourceUri(uri);
  return (ref?.uuid ?? lastSegment(uri)).slice(0, SHORT_ID_LENGTH);
}

/**
 * A resource URI as `kind/shortid` (`service/5bcf0d3c`), or the URI itself when it is not a
 * resource URI.
 *
 * @example
 * ```ts
 * shortResource('/api/app/v1/acme/service/5bcf0d3c-1111-2222-3333-444455556666/'); // 'service/5bcf0d3c'
 * ```
 * @see {@link shortId}
 */
export function shortResource(uri: string): string {
  const ref = parseResourceUri(uri);
  return ref === undefined ? uri : `${ref.kind}/${ref.uuid.slice(0, SHORT_ID_LENGTH)}`;
}
