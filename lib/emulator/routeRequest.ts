import { isResourceType } from '../model/isResourceType.js';
import type { ResourceType } from '../model/ResourceType.js';
import { SECTION_OF, type ApiSection } from '../model/vocabulary.js';

/**
 * What a request path names:
 * - `stream`: the events stream (`/api/audit/v1/[<ns>/]events[/]`, Tutum's `/v1/events[/]`);
 * - `list`: a REST listing (`/api/<section>/v1/[<ns>/]<kind>/`: `app`, `infra` for node clusters
 *   and nodes, `audit` for actions);
 * - `get`: one REST resource (`<listing>/<uuid>/`).
 *
 * @internal
 */
export type Route =
  | { readonly kind: 'stream'; readonly dialect: 'dockercloud' | 'tutum'; readonly namespace?: string }
  | { readonly kind: 'list'; readonly type: ResourceType; readonly namespace?: string }
  | { readonly kind: 'get'; readonly type: ResourceType; readonly uuid: string; readonly namespace?: string };

/**
 * The sections that serve each kind: its own ({@link SECTION_OF}), and for node clusters and
 * nodes `app` too. Docker Cloud served them under `infra`, as its clients asked
 * (`/api/infra/v1/[<ns>/]node/`); the emulator also answers under `app`, where this library's
 * `watchResources` and earlier emulators listed them, so that existing clients keep working.
 */
const SECTIONS_OF: { readonly [K in ResourceType]: readonly ApiSection[] } = {
  stack: [SECTION_OF.stack],
  service: [SECTION_OF.service],
  container: [SECTION_OF.container],
  nodecluster: [SECTION_OF.nodecluster, 'app'],
  node: [SECTION_OF.node, 'app'],
  action: [SECTION_OF.action],
};
const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Routes a request path (without its query), with or without the trailing slash, and with runs
 * of slashes read as one (as {@link readRequestUrl} leaves them already). Tutum's REST form
 * `/api/v1/<kind>/[<uuid>/]` is routed too. `undefined` for anything else (404).
 *
 * @example
 * ```ts
 * routeRequest('/api/audit/v1/acme/events'); // { kind: 'stream', dialect: 'dockercloud', namespace: 'acme' }
 * ```
 * @internal
 */
export function routeRequest(pathname: string): Route | undefined {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => !NAME.test(segment))) return undefined;
  if (segments.length === 2 && segments[0] === 'v1' && segments[1] === 'events') return { kind: 'stream', dialect: 'tutum' };
  if (segments[0] !== 'api') return undefined;
  // Tutum's `/api/v1/<kind>/` served every kind.
  if (segments[1] === 'v1') return resource(undefined, segments.slice(2), false);
  if (segments[2] !== 'v1') return undefined;
  const section = segments[1]!;
  const rest = segments.slice(3);
  if (section === 'audit') {
    if (rest.length === 1 && rest[0] === 'events') return { kind: 'stream', dialect: 'dockercloud' };
    if (rest.length === 2 && rest[1] === 'events') return { kind: 'stream', dialect: 'dockercloud', namespace: rest[0]! };
  }
  return section === 'app' || section === 'infra' || section === 'audit' ? resource(section, rest, true) : undefined;
}

function resource(section: ApiSection | undefined, rest: readonly string[], namespaced: boolean): Route | undefined {
  const isKind = (value: string | undefined): value is ResourceType =>
    isResourceType(value) && (section === undefined || SECTIONS_OF[value].includes(section));
  const [a, b, c] = rest;
  switch (rest.length) {
    case 1:
      return isKind(a) ? { kind: 'list', type: a } : undefined;
    case 2:
      if (namespaced && isKind(b)) return { kind: 'list', type: b, namespace: a! };
      return isKind(a) ? { kind: 'get', type: a, uuid: b! } : undefined;
    case 3:
      return namespaced && isKind(b) ? { kind: 'get', type: b, uuid: c!, namespace: a! } : undefined;
    default:
      return undefined;
  }
}
