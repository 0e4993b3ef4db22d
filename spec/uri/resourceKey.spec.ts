import fc from 'fast-check';
import { normalizeResourceUri, parseResourceUri } from '../../lib/index.js';
import { internParentUri, parentKey, resourceKey, shareParentUris } from '../../lib/uri/resourceKey.js';

/** normalizeResourceUri as it was written first: parse, then format the canonical form. */
function byParsing(uri: string): string {
  const ref = parseResourceUri(uri);
  if (ref === undefined) return uri.trim();
  const section = ref.kind === 'action' ? 'audit' : ref.kind === 'node' || ref.kind === 'nodecluster' ? 'infra' : 'app';
  return `/api/${section}/v1/${ref.kind}/${ref.uuid}/`;
}

const segment = fc.oneof(
  fc.constantFrom('api', 'app', 'audit', 'infra', 'v1', 'v2', 'v', 'vx', 'acme', 'service', 'container', 'action', 'node'),
  fc.constantFrom('nodecluster', 'stack', 'Service', '5bcf', 'a-b_c', '', ' ', '?x', '#f', 'x y', 'https:', 'cloud.docker.com'),
  fc.string({ maxLength: 4 }),
);
/** Paths shaped like resource URIs, right and wrong: slashes, blanks, queries, listings. */
const uriLike = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 8 }), fc.boolean())
  .map(([lead, segments, trail]) => (lead ? '/' : '') + segments.join('/') + (trail ? '/' : ''));

describe('normalizeResourceUri, read off the slashes', () => {
  it('gives exactly what parsing gives, on paths right and wrong', () => {
    fc.assert(
      fc.property(fc.oneof(uriLike, fc.string()), (uri) => {
        expect(normalizeResourceUri(uri)).toBe(byParsing(uri));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('resourceKey', () => {
  it('is normalizeResourceUri, remembered', () => {
    fc.assert(
      fc.property(fc.oneof(uriLike, fc.string()), (uri) => {
        expect(resourceKey(uri)).toBe(normalizeResourceUri(uri));
        expect(resourceKey(uri)).toBe(normalizeResourceUri(uri));
        expect(parentKey(uri)).toBe(normalizeResourceUri(uri));
        expect(parentKey(uri)).toBe(normalizeResourceUri(uri));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives a URI that is already canonical back as its own key', () => {
    const uri = '/api/app/v1/container/0b0e8e2c-5e0f-4a4e-9c55-8e5e7b1f8c3a/';
    expect(resourceKey(uri)).toBe(uri);
    expect(resourceKey('/api/app/v1/acme/container/0b0e8e2c-5e0f-4a4e-9c55-8e5e7b1f8c3a')).toBe(uri);
  });

  it('stays right for URIs that collide in the table (same length and tail)', () => {
    const uris = ['acme', 'acmf', 'acmg', 'zzzz'].map((ns) => `/api/app/v1/${ns}/service/5bcf0d3c-aaaa-bbbb-cccc-000000000001/`);
    for (let round = 0; round < 3; round++) {
      for (const uri of uris) expect(resourceKey(uri)).toBe('/api/app/v1/service/5bcf0d3c-aaaa-bbbb-cccc-000000000001/');
    }
  });

  it('answers for a URI too long to remember, without remembering it', () => {
    const long = `/api/v1/container/${'c'.repeat(10_000)}/`;
    expect(resourceKey(long)).toBe(`/api/app/v1/container/${'c'.repeat(10_000)}/`);
    expect(internParentUri(long)).toBe(long);
  });

  it('stays right however many URIs pass (the memo is bounded, older ones are overwritten)', () => {
    for (let i = 0; i < 20_000; i++) {
      expect(resourceKey(`/api/v1/container/c${i}/`)).toBe(`/api/app/v1/container/c${i}/`);
    }
    expect(resourceKey('/api/v1/container/c7/')).toBe('/api/app/v1/container/c7/');
  });
});

describe('internParentUri and shareParentUris', () => {
  it('return a string equal to their argument', () => {
    fc.assert(
      fc.property(fc.oneof(uriLike, fc.string()), (uri) => {
        expect(internParentUri(uri)).toBe(uri);
      }),
      { numRuns: 5_000 },
    );
  });

  it('leave an array of parents equal to what it was, and a frozen one untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(uriLike, fc.string()), { maxLength: 6 }), (uris) => {
        const parents = [...uris];
        shareParentUris(parents);
        expect(parents).toEqual(uris);
        const frozen = Object.freeze([...uris]);
        expect(() => shareParentUris(frozen)).not.toThrow();
        expect(frozen).toEqual(uris);
      }),
      { numRuns: 2_000 },
    );
  });
});
