import fc from 'fast-check';
import { formatResourceUri, normalizeResourceUri, parseResourceUri, sameResource, SECTION_OF } from '../../lib/index.js';

const UUID = '5bcf0d3c-4c5e-4a8e-9f3f-6a3a8f1d2b11';

describe('parseResourceUri', () => {
  it.each([
    ['namespaced', `/api/app/v1/acme/service/${UUID}/`, { kind: 'service', uuid: UUID, namespace: 'acme', section: 'app' }],
    ['plain', `/api/app/v1/service/${UUID}/`, { kind: 'service', uuid: UUID, section: 'app' }],
    ['Tutum', `/api/v1/service/${UUID}/`, { kind: 'service', uuid: UUID }],
    ['namespaced action', `/api/audit/v1/acme/action/${UUID}/`, { kind: 'action', uuid: UUID, namespace: 'acme', section: 'audit' }],
    ['plain action', `/api/audit/v1/action/${UUID}/`, { kind: 'action', uuid: UUID, section: 'audit' }],
    ['Tutum action', `/api/v1/action/${UUID}/`, { kind: 'action', uuid: UUID }],
    [
      'node cluster without trailing slash',
      `/api/app/v1/acme/nodecluster/${UUID}`,
      { kind: 'nodecluster', uuid: UUID, namespace: 'acme', section: 'app' },
    ],
    ['Tutum without trailing slash', `/api/v1/container/${UUID}`, { kind: 'container', uuid: UUID }],
    ['infra section', `/api/infra/v1/node/${UUID}/`, { kind: 'node', uuid: UUID, section: 'infra' }],
    [
      'namespaced infra node cluster',
      `/api/infra/v1/acme/nodecluster/${UUID}/`,
      { kind: 'nodecluster', uuid: UUID, namespace: 'acme', section: 'infra' },
    ],
    [
      'doubled slashes, as clients joining paths sent them',
      `//api/infra/v1/acme/nodecluster/${UUID}//`,
      { kind: 'nodecluster', uuid: UUID, namespace: 'acme', section: 'infra' },
    ],
    [
      'absolute URL',
      `https://cloud.docker.com/api/app/v1/acme/stack/${UUID}/`,
      { kind: 'stack', uuid: UUID, namespace: 'acme', section: 'app' },
    ],
    ['query string', `/api/app/v1/stack/${UUID}/?format=json`, { kind: 'stack', uuid: UUID, section: 'app' }],
    ['surrounding space', `  /api/v1/node/${UUID}/ `, { kind: 'node', uuid: UUID }],
    ['no leading slash', `api/v1/node/${UUID}/`, { kind: 'node', uuid: UUID }],
  ])('reads the %s form', (_form, uri, expected) => {
    expect(parseResourceUri(uri)).toEqual(expected);
  });

  it.each([
    ['an empty string', ''],
    ['a path outside the API', `/v1/events`],
    ['an API path without kind and uuid', '/api/app/v1/'],
    ['a listing', '/api/app/v1/service/'],
    ['a namespaced listing', '/api/app/v1/acme/service/'],
    ['a namespaced action listing', '/api/audit/v1/acme/action'],
    ['too many segments', `/api/app/v1/a/b/service/${UUID}/`],
    ['a version-less section', `/api/app/service/${UUID}/`],
    ['an upper-case kind', `/api/v1/Service/${UUID}/`],
  ])('rejects %s', (_what, uri) => {
    expect(parseResourceUri(uri)).toBeUndefined();
  });
});

describe('normalizeResourceUri', () => {
  it('maps every form of one resource to one canonical URI', () => {
    const forms = [
      `/api/app/v1/acme/service/${UUID}/`,
      `/api/app/v1/service/${UUID}/`,
      `/api/v1/service/${UUID}/`,
      `/api/v1/service/${UUID}`,
      `https://cloud.docker.com/api/app/v1/acme/service/${UUID}`,
    ];
    for (const form of forms) expect(normalizeResourceUri(form)).toBe(`/api/app/v1/service/${UUID}/`);
  });

  it('puts actions under the audit API', () => {
    expect(normalizeResourceUri(`/api/v1/action/${UUID}/`)).toBe(`/api/audit/v1/action/${UUID}/`);
    expect(normalizeResourceUri(`/api/audit/v1/acme/action/${UUID}`)).toBe(`/api/audit/v1/action/${UUID}/`);
  });

  it.each(['node', 'nodecluster'])('puts a %s under the infra API, whichever section it was written under', (kind) => {
    const forms = [
      `/api/infra/v1/acme/${kind}/${UUID}/`,
      `/api/infra/v1/${kind}/${UUID}`,
      `/api/app/v1/acme/${kind}/${UUID}/`,
      `/api/app/v1/${kind}/${UUID}/`,
      `/api/v1/${kind}/${UUID}/`,
      `https://cloud.docker.com//api/infra/v1/acme/${kind}/${UUID}//`,
    ];
    for (const form of forms) expect(normalizeResourceUri(form)).toBe(`/api/infra/v1/${kind}/${UUID}/`);
    expect(new Set(forms.map((form) => normalizeResourceUri(form))).size).toBe(1);
  });

  it('keeps a kind it does not know under the app API, whatever its name', () => {
    expect(normalizeResourceUri(`/api/repo/v1/acme/image/${UUID}/`)).toBe(`/api/app/v1/image/${UUID}/`);
    // A name that an object's prototype has: never read from the record of sections.
    expect(normalizeResourceUri(`/api/v1/constructor/${UUID}/`)).toBe(`/api/app/v1/constructor/${UUID}/`);
    expect(formatResourceUri({ kind: 'constructor', uuid: 'c1' })).toBe('/api/app/v1/constructor/c1/');
  });

  it('accepts a ResourceRef, whatever section it names', () => {
    expect(normalizeResourceUri({ kind: 'node', uuid: 'n1', namespace: 'x' })).toBe('/api/infra/v1/node/n1/');
    expect(normalizeResourceUri({ kind: 'node', uuid: 'n1', section: 'app' })).toBe('/api/infra/v1/node/n1/');
    expect(normalizeResourceUri({ kind: 'service', uuid: 's1', section: 'infra' })).toBe('/api/app/v1/service/s1/');
  });

  it('returns a string that is not a resource URI trimmed and unchanged', () => {
    expect(normalizeResourceUri(' /not/a/resource ')).toBe('/not/a/resource');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeResourceUri(s);
        expect(normalizeResourceUri(once)).toBe(once);
      }),
    );
  });
});

describe('sameResource', () => {
  it('matches one resource across forms', () => {
    expect(sameResource(`/api/v1/service/${UUID}/`, `/api/app/v1/acme/service/${UUID}`)).toBe(true);
    expect(sameResource(`/api/app/v1/service/${UUID}/`, { kind: 'service', uuid: UUID })).toBe(true);
  });

  it('matches a node across the app and infra sections', () => {
    expect(sameResource(`/api/app/v1/acme/node/${UUID}/`, `/api/infra/v1/acme/node/${UUID}/`)).toBe(true);
    expect(sameResource(`/api/infra/v1/node/${UUID}`, { kind: 'node', uuid: UUID, section: 'app' })).toBe(true);
    expect(sameResource(`/api/infra/v1/acme/node/${UUID}/`, `/api/infra/v1/acme/nodecluster/${UUID}/`)).toBe(false);
  });

  it('tells different kinds, uuids and namespaces apart', () => {
    expect(sameResource(`/api/v1/service/${UUID}/`, `/api/v1/container/${UUID}/`)).toBe(false);
    expect(sameResource(`/api/v1/service/a/`, `/api/v1/service/b/`)).toBe(false);
    expect(sameResource(`/api/app/v1/one/service/${UUID}/`, `/api/app/v1/two/service/${UUID}/`)).toBe(false);
  });

  it('compares strings that are not resource URIs up to a trailing slash', () => {
    expect(sameResource('/x/y/', '/x/y')).toBe(true);
    expect(sameResource('/x/y/', '/x/z/')).toBe(false);
  });
});

describe('formatResourceUri', () => {
  it('writes the Docker Cloud forms, and parses back to the same resource', () => {
    expect(formatResourceUri({ kind: 'container', uuid: 'c1', namespace: 'acme' })).toBe('/api/app/v1/acme/container/c1/');
    expect(formatResourceUri({ kind: 'action', uuid: 'a1' })).toBe('/api/audit/v1/action/a1/');
    expect(formatResourceUri({ kind: 'node', uuid: 'n1', namespace: 'acme' })).toBe('/api/infra/v1/acme/node/n1/');
    expect(formatResourceUri({ kind: 'nodecluster', uuid: 'nc1' })).toBe('/api/infra/v1/nodecluster/nc1/');
    // A section the ref names wins: a URI read from the wire is written back as it was.
    expect(formatResourceUri({ kind: 'node', uuid: 'n1', section: 'app' })).toBe('/api/app/v1/node/n1/');
    fc.assert(
      fc.property(
        fc.constantFrom('stack', 'service', 'container', 'node', 'nodecluster', 'action'),
        fc.uuid(),
        fc.option(fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), { nil: undefined }),
        (kind, uuid, namespace) => {
          const ref = namespace === undefined ? { kind, uuid } : { kind, uuid, namespace };
          expect(sameResource(formatResourceUri(ref), ref)).toBe(true);
          expect(parseResourceUri(formatResourceUri(ref))).toMatchObject({ ...ref, section: SECTION_OF[kind] });
          expect(normalizeResourceUri(formatResourceUri(ref))).toBe(formatResourceUri({ kind, uuid }));
        },
      ),
    );
  });
});

describe('parseResourceUri and normalizeResourceUri, against a plain reading of the grammar', () => {
  // The grammar read the obvious way (split, then look at the segments): the scanner the
  // library uses must agree with it on every string built from the pieces URIs are made of.
  function reference(uri: string): { kind: string; uuid: string; namespace?: string; section?: string } | undefined {
    let path = uri.trim();
    if (!path.startsWith('/') && path.indexOf('://') > 0) {
      const at = path.indexOf('/', path.indexOf('://') + 3);
      path = at < 0 ? '' : path.slice(at);
    }
    path = path.split('?')[0]!.split('#')[0]!;
    const segments = path.split('/').filter((segment) => segment !== '');
    const version = /^v\d+$/;
    if (segments[0] !== 'api' || segments.length < 4) return undefined;
    const rest = version.test(segments[1]!) ? 2 : segments.length >= 5 && version.test(segments[2]!) ? 3 : 0;
    if (rest === 0) return undefined;
    const count = segments.length - rest;
    if (count !== 2 && count !== 3) return undefined;
    const [kind, uuid] = segments.slice(-2) as [string, string];
    const types = ['stack', 'service', 'container', 'nodecluster', 'node', 'action'];
    if (!/^[a-z][a-z0-9_-]*$/.test(kind)) return undefined;
    if (count === 2 && types.includes(uuid) && !types.includes(kind)) return undefined;
    return {
      kind,
      uuid,
      ...(count === 3 ? { namespace: segments[rest] } : {}),
      ...(rest === 3 ? { section: segments[1] } : {}),
    };
  }

  // Written out here, independently of SECTION_OF: where Docker Cloud served each kind.
  const CANONICAL_SECTION = new Map(
    Object.entries({ node: 'infra', nodecluster: 'infra', action: 'audit', stack: 'app', service: 'app', container: 'app' }),
  );

  const piece = fc.constantFrom(
    'api',
    'app',
    'audit',
    'infra',
    'v1',
    'v',
    'v12',
    'acme',
    'service',
    'node',
    'action',
    'Service',
    UUID,
    'x?y',
    'z#w',
    '',
  );
  // The first value is the usual one, and the likeliest.
  const optional = (usual: string, ...others: string[]): fc.Arbitrary<string[]> =>
    fc.oneof(
      { arbitrary: fc.constant<string[]>([usual]), weight: 6 },
      { arbitrary: fc.constant<string[]>([]), weight: 1 },
      { arbitrary: fc.constantFrom(...others).map((v): string[] => [v]), weight: 1 },
    );
  // Shaped like a resource URI, each part sometimes wrong or missing...
  const shaped = fc
    .tuple(
      optional('api', 'apí'),
      optional('app', 'audit', 'infra', 'v2'),
      optional('v1', 'v', 'v12'),
      optional('acme', 'service', 'v1'),
      optional('service', 'nodecluster', 'node', 'action', 'Node', 'x-y_1', 'constructor'),
      optional(UUID, 'node', 'stack', ''),
    )
    .map((parts) => parts.flat());
  // ...or any sequence of pieces.
  const uri = fc
    .tuple(
      fc.constantFrom('', '/', '//', ' ', 'https://cloud.docker.com/', 'https://cloud.docker.com//', 'https://host', 'wss://h:1/'),
      fc.oneof(shaped, fc.array(piece, { maxLength: 8 })),
      fc.constantFrom('', '/', '//', '?format=json', '#top', ' \n'),
    )
    .map(([prefix, pieces, suffix]) => prefix + pieces.join('/') + suffix);

  it('reads every URI as the plain reading does', () => {
    fc.assert(
      fc.property(uri, (text) => {
        const expected = reference(text);
        expect(parseResourceUri(text)).toEqual(expected);
        expect(normalizeResourceUri(text)).toBe(
          expected === undefined
            ? text.trim()
            : `/api/${CANONICAL_SECTION.get(expected.kind) ?? 'app'}/v1/${expected.kind}/${expected.uuid}/`,
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('finds resource URIs among the strings generated, so that the comparison means something', () => {
    const samples = fc.sample(uri, { numRuns: 5000, seed: 1 });
    expect(samples.filter((text) => reference(text) !== undefined).length).toBeGreaterThan(250);
  });
});
