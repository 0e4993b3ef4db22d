// What one listing keeps of each resource it shows: the watch's own event of a resource listed
// as it holds it (the page's copy is then garbage at once), the listed event of any other.
import { asyncScheduler, throwError } from 'rxjs';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import { listResources, type KindListing, type RestTarget } from '../../lib/resync/listResources.js';
import { createEventTestScheduler, FakeRestApi, serviceEvent, uri } from '../../lib/testing/index.js';
import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';

const base = 'http://127.0.0.1:2';

function target(rest: FakeRestApi): RestTarget {
  return {
    fetch: rest.fetch,
    headers: {},
    firstPageUrl: (kind) => `${base}/api/app/v1/${kind}/?limit=2`,
    nextPageUrl: (next) => new URL(next, base).toString(),
    resourceUrl: () => undefined,
    printable: (url) => url,
    scrub: (text) => text,
    listTimeout: 1000,
  };
}

/** Lists the services `a b c` (two a page) with what the watch holds, run to the end. */
function listABC(held: (key: string) => ResourceEvent | undefined, keyOf?: (resourceUri: string) => string): KindListing | undefined {
  let listing: KindListing | undefined;
  createEventTestScheduler().run(({ flush }) => {
    const rest = new FakeRestApi();
    rest.setListing('service', [serviceEvent('a', 'Running'), serviceEvent('b', 'Running'), serviceEvent('c', 'Running')]);
    const policy = { delay: (error: unknown) => throwError(() => error), succeeded: () => undefined };
    listResources('service', target(rest), asyncScheduler, policy, () => undefined, held, keyOf).subscribe((value) => (listing = value));
    flush();
  });
  return listing;
}

describe('listResources', () => {
  it('keeps the held event of a resource listed as held, and the listed event of one that changed or is not held', () => {
    const held = new Map<string, ResourceEvent>([
      [normalizeResourceUri(uri('service', 'a')), serviceEvent('a', 'Running', { uuid: 'e-a' })],
      [normalizeResourceUri(uri('service', 'b')), serviceEvent('b', 'Stopped', { uuid: 'e-b' })],
    ]);
    const listing = listABC((key) => held.get(key));
    const [a, b, c] = listing!.events;
    // a says what is held: the held event itself. b changed (Stopped → Running), c is new.
    expect(a).toBe(held.get(normalizeResourceUri(uri('service', 'a'))));
    expect(b).not.toBe(held.get(normalizeResourceUri(uri('service', 'b'))));
    expect([b!.state, c!.state, c!.action]).toEqual(['Running', 'Running', 'update']);
    expect(listing!.keys).toEqual(['a', 'b', 'c'].map((id) => normalizeResourceUri(uri('service', id))));
  });

  it("takes each object's key from the watch's keyOf", () => {
    const asked: string[] = [];
    const listing = listABC(
      () => undefined,
      (resourceUri) => {
        asked.push(resourceUri);
        return `key:${normalizeResourceUri(resourceUri)}`;
      },
    );
    // Pages a b, then b c (b again, the page asked one object early).
    expect(asked).toEqual([uri('service', 'a'), uri('service', 'b'), uri('service', 'b'), uri('service', 'c')]);
    expect(listing!.keys).toEqual(['a', 'b', 'c'].map((id) => `key:${normalizeResourceUri(uri('service', id))}`));
  });
});
