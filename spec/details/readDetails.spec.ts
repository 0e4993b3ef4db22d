import { createScrubber } from '../../lib/credentials/createScrubber.js';
import { credentialForms } from '../../lib/credentials/credentialForms.js';
import { readDetails } from '../../lib/details/ResourceDetails.js';

const KEY = '2f1c9a7e-58b4-4c1e-9d3a-77e0c5b1a2d4';
const URI = '/api/app/v1/acme/service/5bcf/';

describe('readDetails', () => {
  const calls: string[] = [];
  const scrub = (text: string): string => {
    calls.push(text);
    return createScrubber(credentialForms({ user: 'me', apiKey: KEY }))(text);
  };
  beforeEach(() => (calls.length = 0));

  it('keeps the scalar fields, scrubbed, frozen, and the URI it was given when the object has none', () => {
    const details = readDetails({ name: `web ${KEY}`, exit_code: null, cpu_shares: 2, envvars: [{ key: 'K' }], uuid: 7 }, URI, scrub);
    expect(details).toEqual({ resource_uri: URI, name: 'web ***', exit_code: null, cpu_shares: 2 });
    expect(Object.isFrozen(details)).toBe(true);
  });

  it('returns what an earlier listing said, itself, when the object says the same: nothing scrubbed or made', () => {
    const object = { resource_uri: URI, name: 'web', state: 'Running', exit_code: null, envvars: [] };
    const previous = readDetails(object, URI, scrub)!;
    calls.length = 0;
    expect(readDetails({ ...object, envvars: [{ key: 'changed, but not a scalar' }] }, URI, scrub, previous)).toBe(previous);
    expect(calls).toEqual([]);
  });

  it('reads the object again when a scalar field changed, came or went', () => {
    const object = { resource_uri: URI, name: 'web', state: 'Running', exit_code: null };
    const previous = readDetails(object, URI, scrub)!;
    for (const changed of [
      { ...object, state: 'Stopped' },
      { ...object, exit_code: 0 },
      { ...object, image_name: 'nginx' },
      { resource_uri: URI, name: 'web', state: 'Running' },
      { name: 'web', state: 'Running', exit_code: null },
    ]) {
      const details = readDetails(changed, URI, scrub, previous);
      expect(details).not.toBe(previous);
      expect(details).toEqual(readDetails(changed, URI, scrub));
    }
  });

  it('scrubs a text again when it reads as a scrubbed one: an object cannot reuse what was kept of a credential', () => {
    const previous = readDetails({ resource_uri: URI, name: `web ${KEY}` }, URI, scrub)!;
    expect(previous.name).toBe('web ***');
    calls.length = 0;
    const details = readDetails({ resource_uri: URI, name: 'web ***' }, URI, scrub, previous);
    expect(details).not.toBe(previous);
    expect(details).toEqual({ resource_uri: URI, name: 'web ***' });
    expect(calls).toContain('web ***');
  });
});
