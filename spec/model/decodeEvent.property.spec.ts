import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/Either';
import { CloudEvent, decodeEvent, isDecodeError, RESOURCE_TYPES } from '../../lib/index.js';
import { EXCERPT_LENGTH } from '../../lib/model/DecodeError.js';

const resourceLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...RESOURCE_TYPES, 'auth', 'error', 'user-notification', 'image'), fc.anything()),
    action: fc.oneof(fc.constantFrom('create', 'update', 'delete'), fc.anything()),
    parents: fc.oneof(fc.array(fc.string()), fc.anything()),
    resource_uri: fc.oneof(fc.string(), fc.anything()),
    state: fc.oneof(fc.string(), fc.anything()),
    uuid: fc.oneof(fc.uuid(), fc.anything()),
    datetime: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.anything(),
    ),
    date: fc.anything(),
    data: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('decodeEvent on arbitrary input', () => {
  it('never throws on arbitrary values, and every left is a DecodeError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), resourceLike), (value) => {
        const result = decodeEvent(value);
        if (isLeft(result)) {
          expect(isDecodeError(result.left)).toBe(true);
          expect(result.left.excerpt.length).toBeLessThanOrEqual(EXCERPT_LENGTH + 1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on arbitrary text, near-JSON text included', () => {
    const nearJson = fc
      .tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 }))
      .map(([json, at, junk]) => json.slice(0, at % (json.length + 1)) + junk + json.slice(at % (json.length + 1)));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          nearJson,
          resourceLike.map((r) => JSON.stringify(r) ?? ''),
        ),
        (text) => {
          const result = decodeEvent(text);
          expect(isLeft(result) || isRight(result)).toBe(true);
          if (isLeft(result)) expect(result.left.excerpt.length).toBeLessThanOrEqual(EXCERPT_LENGTH + 1);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('decodes every well-formed resource event back to itself', () => {
    const wellFormed = fc.record(
      {
        type: fc.constantFrom(...RESOURCE_TYPES),
        action: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
        parents: fc.array(fc.string()),
        resource_uri: fc.string({ minLength: 1 }),
        state: fc.string(),
        uuid: fc.uuid(),
        datetime: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      },
      { requiredKeys: ['type', 'action', 'parents', 'resource_uri'] },
    );
    fc.assert(
      fc.property(wellFormed, (event) => {
        const result = decodeEvent(JSON.stringify(event));
        expect(isRight(result) && result.right).toEqual(event);
      }),
      { numRuns: 2000 },
    );
  });

  // A string given to decodeEvent is a text to parse, so the values here are not strings.
  it('agrees with the CloudEvent codec, and decodes a text as it decodes its parsed value', () => {
    const json = fc
      .oneof(
        resourceLike,
        fc.json().map((text) => JSON.parse(text) as unknown),
      )
      .filter((value) => typeof value !== 'string' && JSON.stringify(value) !== undefined);
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value);
        const parsed = JSON.parse(text) as unknown;
        const fromValue = decodeEvent(parsed);
        const fromText = decodeEvent(text);
        const codec = CloudEvent.decode(parsed);
        expect(fromText._tag).toBe(fromValue._tag);
        expect(codec._tag).toBe(fromValue._tag);
        if (isRight(fromValue) && isRight(fromText) && isRight(codec)) {
          expect(fromText.right).toEqual(fromValue.right);
          expect(codec.right).toEqual(fromValue.right);
        }
        if (isLeft(fromValue) && isLeft(fromText) && isLeft(codec)) {
          expect(fromText.left.path).toBe(fromValue.left.path);
          expect(fromText.left.detail).toBe(fromValue.left.detail);
          const codecPath = codec.left[0]!.context.map((entry) => entry.key)
            .filter((key) => key !== '')
            .join('.');
          expect(codecPath).toBe(fromValue.left.path);
          expect(fromValue.left.detail.startsWith(codec.left[0]!.message ?? '')).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
