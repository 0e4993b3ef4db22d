import fc from 'fast-check';
import { createScrubber } from '../../lib/credentials/createScrubber.js';
import { credentialForms } from '../../lib/credentials/credentialForms.js';
import { memoizeScrubber } from '../../lib/credentials/memoizeScrubber.js';

const KEY = '2f1c9a7e-58b4-4c1e-9d3a-77e0c5b1a2d4';

describe('memoizeScrubber', () => {
  it('scrubs every text as the scrubber does, the first time and every time after, short or long', () => {
    const scrub = createScrubber(credentialForms({ user: 'me', apiKey: KEY }));
    const memoized = memoizeScrubber(scrub);
    const texts = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(`name ${KEY}`, `/api/app/v1/me/service/${KEY}/`, KEY.slice(0, 12), 'nginx:1.25', 'x'.repeat(129) + KEY),
    );
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 20 }), (batch) => {
        for (const text of [...batch, ...batch]) expect(memoized(text)).toBe(scrub(text));
      }),
    );
    expect(memoized(`name ${KEY}`)).toBe('name ***');
  });

  it('asks the scrubber once per short text it holds, and again once the memo was emptied at 2,048 texts', () => {
    const seen: string[] = [];
    const memoized = memoizeScrubber((text) => {
      seen.push(text);
      return text.toUpperCase();
    });
    expect([memoized('web'), memoized('web'), memoized('db')]).toEqual(['WEB', 'WEB', 'DB']);
    expect(seen).toEqual(['web', 'db']);
    // Long texts are not held.
    const long = 'l'.repeat(129);
    memoized(long);
    memoized(long);
    expect(seen.filter((text) => text === long)).toHaveLength(2);
    // 2,048 texts fill it: the next one empties it, so 'web' is scrubbed again.
    for (let i = 0; i < 2046; i++) memoized(`t${i}`);
    memoized('web');
    expect(seen.filter((text) => text === 'web')).toHaveLength(1);
    memoized('one more');
    memoized('web');
    expect(seen.filter((text) => text === 'web')).toHaveLength(2);
  });
});
