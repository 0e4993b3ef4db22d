import { normalizeResourceUri, type ResourceEvent } from '../../lib/index.js';
import { containerEvent, serviceEvent, stackEvent, uri } from '../../lib/testing/index.js';
import { groupResources } from '../../lib/dashboard/groupResources.js';

function view(...events: ResourceEvent[]): Map<string, ResourceEvent> {
  return new Map(events.map((event) => [normalizeResourceUri(event.resource_uri), event]));
}

describe('groupResources', () => {
  it('arranges stacks, their services and their containers, each in URI order, with tones', () => {
    const shop = uri('stack', 'shop');
    const web = uri('service', 'web');
    const db = uri('service', 'db');
    const groups = groupResources(
      view(
        containerEvent('web-2', 'Starting', { parents: [web, shop] }),
        serviceEvent('web', 'Scaling', { parents: [shop] }),
        containerEvent('web-1', 'Running', { parents: [web, shop] }),
        stackEvent('shop', 'Running'),
        serviceEvent('db', 'Stopped', { parents: [shop] }),
      ),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.stack).toMatchObject({ shortId: 'shop', state: 'Running', tone: 'good', key: normalizeResourceUri(shop) });
    expect(
      groups[0]!.services.map((s) => [s.service?.shortId, s.service?.tone, s.containers.map((c) => `${c.shortId} ${c.state} ${c.tone}`)]),
    ).toEqual([
      ['db', 'neutral', []],
      ['web', 'changing', ['web-1 Running good', 'web-2 Starting changing']],
    ]);
    expect(normalizeResourceUri(db)).toBe(groups[0]!.services[0]!.service?.key);
  });

  it('keeps resources whose parents are not in the view, in groups without them', () => {
    const groups = groupResources(
      view(
        containerEvent('lost', 'Running', { parents: [uri('service', 'gone'), uri('stack', 'gone')] }),
        serviceEvent('alone', 'Running', { parents: [uri('stack', 'elsewhere')] }),
      ),
    );
    const all = groups.flatMap((g) => g.services.flatMap((s) => [s.service?.shortId, ...s.containers.map((c) => c.shortId)]));
    expect(all.filter((id) => id !== undefined).sort()).toEqual(['alone', 'lost']);
    expect(groups.every((g) => g.stack === undefined)).toBe(true);
  });

  it('gives each resource its name, and each service its image, from the details it is given', () => {
    const shop = uri('stack', 'shop');
    const web = uri('service', 'web');
    const details = new Map<string, { name?: string; image_name?: string }>([
      [shop, { name: 'shop-stack' }],
      [web, { name: 'web-front', image_name: 'nginx:1.25' }],
      [uri('container', 'web-1'), { name: 'web-front-1', image_name: 'nginx:1.25' }],
    ]);
    const groups = groupResources(
      view(
        stackEvent('shop', 'Running'),
        serviceEvent('web', 'Running', { parents: [shop] }),
        containerEvent('web-1', 'Running', { parents: [web, shop] }),
        containerEvent('web-2', 'Starting', { parents: [web, shop] }),
      ),
      (u) => details.get(u),
    );
    expect(groups[0]!.stack).toMatchObject({ name: 'shop-stack', image: undefined });
    const service = groups[0]!.services[0]!;
    expect(service.service).toMatchObject({ name: 'web-front', image: 'nginx:1.25' });
    // A container's image is its service's: shown once, on the service. One not yet named has none.
    expect(service.containers.map((c) => [c.name, c.image])).toEqual([
      ['web-front-1', undefined],
      [undefined, undefined],
    ]);
  });

  it('is empty for an empty view', () => {
    expect(groupResources(new Map())).toEqual([]);
  });
});
