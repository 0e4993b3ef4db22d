import type { ResourceEvent } from '../model/ResourceEvent.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';

/** The subject token of events whose resource URI names no namespace. */
export const NO_NAMESPACE = '_';

/**
 * `value` as one NATS subject token: letters, digits and `-` are kept, every other character
 * (`.`, `*`, `>`, whitespace, `_` itself, anything outside ASCII) becomes `_` and its UTF-8
 * bytes in hex (`a.b` → `a_2Eb`). The encoding is one-to-one, so two namespaces never share
 * a subject, and no encoded value is `_` alone, the token of "no namespace". The server sends
 * the namespace: it is hostile, and a `.` or `>` in it must not move an event to another
 * subject or make a filter match more than it says.
 *
 * @internal
 * @example
 * ```ts
 * subjectToken('acme.io'); // 'acme_2Eio'
 * ```
 */
export function subjectToken(value: string): string {
  if (value === '') return '_';
  let token = '';
  for (const char of value) {
    if (/[A-Za-z0-9-]/.test(char)) token += char;
    else for (const byte of new TextEncoder().encode(char)) token += '_' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return token;
}

/** The namespace of `event`'s resource, or undefined when its URI names none. @internal */
export function namespaceOf(event: ResourceEvent): string | undefined {
  return parseResourceUri(event.resource_uri)?.namespace;
}

/**
 * The subject an event is published on: `<prefix>.<namespace or _>.<type>.<action>`, each
 * token encoded by {@link subjectToken}.
 *
 * @internal
 * @example
 * ```ts
 * eventSubject('dockercloud', event); // 'dockercloud.acme.container.update'
 * ```
 */
export function eventSubject(prefix: string, event: ResourceEvent): string {
  const namespace = namespaceOf(event);
  return `${prefix}.${namespace === undefined ? NO_NAMESPACE : subjectToken(namespace)}.${subjectToken(event.type)}.${subjectToken(event.action)}`;
}

/**
 * The subject filter of a consumer: `namespace` (`null` for the events without one) and
 * `type` narrow it, each left out matches every value.
 *
 * @internal
 * @example
 * ```ts
 * filterSubject('dockercloud', { type: 'service' }); // 'dockercloud.*.service.*'
 * ```
 */
export function filterSubject(prefix: string, filter: { readonly type?: string; readonly namespace?: string | null }): string {
  const namespace = filter.namespace === undefined ? '*' : filter.namespace === null ? NO_NAMESPACE : subjectToken(filter.namespace);
  const type = filter.type === undefined ? '*' : subjectToken(filter.type);
  return `${prefix}.${namespace}.${type}.*`;
}
