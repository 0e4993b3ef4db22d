import { decodeListingPage } from '../../lib/resync/decodeListingPage.js';

const S = '/api/app/v1/acme/stack/st/';
const SV = '/api/app/v1/acme/service/sv/';
const N = '/api/app/v1/acme/node/n1/';
const NC = '/api/app/v1/acme/nodecluster/nc/';

describe('decodeListingPage', () => {
  it('reads a Docker Cloud page into update events of the listed kind, in order', () => {
    const objects = [
      { uuid: 'c1', resource_uri: '/api/app/v1/acme/container/c1/', state: 'Running', parents: [SV, S, N, NC], name: 'web-1' },
      { uuid: 'c2', resource_uri: '/api/app/v1/acme/container/c2/', state: null, parents: [] },
    ];
    const page = decodeListingPage('container', {
      meta: { limit: 2, offset: 0, next: '/api/app/v1/acme/container/?limit=2&offset=2', previous: null, total_count: 3 },
      objects,
    });
    expect(page).toEqual({
      next: '/api/app/v1/acme/container/?limit=2&offset=2',
      totalCount: 3,
      events: [
        { type: 'container', action: 'update', parents: [SV, S, N, NC], resource_uri: '/api/app/v1/acme/container/c1/', state: 'Running' },
        { type: 'container', action: 'update', parents: [], resource_uri: '/api/app/v1/acme/container/c2/' },
      ],
      // The objects themselves, one per event: a watch keeps their fields (the name) as details.
      objects,
    });
  });

  it('takes the parents from Docker Cloud’s fields when an object has no parents array, in the order events list them', () => {
    const page = decodeListingPage('container', {
      meta: { next: null },
      objects: [{ resource_uri: '/api/app/v1/acme/container/c1/', state: 'Running', node_cluster: NC, node: N, stack: S, service: SV }],
    });
    expect(page).toMatchObject({ events: [{ parents: [SV, S, N, NC] }] });
    const action = decodeListingPage('action', {
      objects: [{ resource_uri: '/api/audit/v1/acme/action/a1/', state: 'Success', object: SV }],
    });
    expect(action).toMatchObject({ next: null, totalCount: undefined, events: [{ type: 'action', parents: [SV] }] });
  });

  it.each([
    ['[]', [], '', 'expected a JSON object, got an array'],
    ['meta', { meta: 3, objects: [] }, 'meta', 'expected an object, got a number'],
    ['next', { meta: { next: 5 }, objects: [] }, 'meta.next', 'expected a path or null, got a number'],
    ['total_count', { meta: { total_count: -1 }, objects: [] }, 'meta.total_count', 'expected a count, got a number'],
    ['objects', { meta: {} }, 'objects', 'expected an array, got nothing'],
    ['an object', { objects: ['x'] }, 'objects.0', 'expected an object, got the string "x"'],
    ['a URI', { objects: [{ resource_uri: '' }] }, 'objects.0.resource_uri', 'expected a resource URI, got the string ""'],
    ['a state', { objects: [{ resource_uri: '/api/v1/service/s/', state: 1 }] }, 'objects.0.state', 'expected a string, got a number'],
    [
      'a parent',
      { objects: [{ resource_uri: '/api/v1/service/s/', parents: [S, 2] }] },
      'objects.0.parents.1',
      'expected a resource URI, got a number',
    ],
  ])('names the field at fault in a page with a wrong %s', (_what, body, path, detail) => {
    expect(decodeListingPage('service', body)).toEqual({ path, detail });
  });
});
