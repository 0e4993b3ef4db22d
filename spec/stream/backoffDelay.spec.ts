import fc from 'fast-check';
import { backoffDelay } from '../../lib/stream/backoffDelay.js';

const constant = (value: number) => () => value;

describe('backoffDelay', () => {
  it('scales the draw by min(maxDelay, baseDelay · 2^attempt), rounded down', () => {
    expect(backoffDelay(0, 1000, 30_000, constant(0.5))).toBe(500);
    expect(backoffDelay(1, 1000, 30_000, constant(0.5))).toBe(1000);
    expect(backoffDelay(3, 1000, 30_000, constant(0.5))).toBe(4000);
    expect(backoffDelay(4, 1000, 30_000, constant(0.5))).toBe(8000);
    // 2^5 · 1000 = 32000 is over the cap.
    expect(backoffDelay(5, 1000, 30_000, constant(0.5))).toBe(15_000);
    expect(backoffDelay(2, 250, 30_000, constant(0.999))).toBe(999);
    expect(backoffDelay(2, 100, 10_000, constant(0.123))).toBe(49);
  });

  it('is 0 for a draw of 0 and stays below the ceiling for a draw just under 1', () => {
    expect(backoffDelay(7, 1000, 30_000, constant(0))).toBe(0);
    const below1 = 1 - Number.EPSILON;
    expect(backoffDelay(0, 1000, 30_000, constant(below1))).toBe(999);
    expect(backoffDelay(20, 1000, 30_000, constant(below1))).toBe(29_999);
  });

  it('reads a draw outside [0, 1) as the full ceiling, never as "retry at once"', () => {
    for (const draw of [Number.NaN, Infinity, -Infinity, -0.5, 1, 7]) {
      expect(backoffDelay(0, 1000, 30_000, constant(draw))).toBe(1000);
      expect(backoffDelay(10, 1000, 30_000, constant(draw))).toBe(30_000);
    }
    const notANumber = (() => 'half') as unknown as () => number;
    expect(backoffDelay(2, 1000, 30_000, notANumber)).toBe(4000);
  });

  it('keeps the cap for attempts where 2^attempt overflows to Infinity', () => {
    expect(backoffDelay(1024, 1000, 30_000, constant(0.5))).toBe(15_000);
    expect(backoffDelay(100_000, 1, 5, constant(0.99))).toBe(4);
  });

  it('draws once per call', () => {
    const random = jest.fn(() => 0.25);
    backoffDelay(2, 1000, 30_000, random);
    expect(random).toHaveBeenCalledTimes(1);
  });

  it('always lies in [0, min(cap, base · 2^attempt)) and is a whole number of ms (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, extra, draw) => {
          const cap = base + extra;
          const delay = backoffDelay(attempt, base, cap, () => draw);
          const ceiling = Math.min(cap, base * 2 ** attempt);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
          expect(delay).toBeLessThanOrEqual(cap);
          // Full jitter: the delay is the draw spread over the whole interval.
          expect(delay).toBe(Math.floor(draw * ceiling));
        },
      ),
    );
  });

  it('grows with the draw and, up to the cap, with the attempt (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(backoffDelay(attempt, 1000, 30_000, () => low)).toBeLessThanOrEqual(backoffDelay(attempt, 1000, 30_000, () => high));
          expect(backoffDelay(attempt, 1000, 30_000, () => low)).toBeLessThanOrEqual(backoffDelay(attempt + 1, 1000, 30_000, () => low));
        },
      ),
    );
  });
});
