import fc from 'fast-check';
import { hashString, PersistentMap, type StringHash } from '../../lib/tracking/PersistentMap.js';

type Op = { readonly kind: 'set'; readonly key: string; readonly value: number } | { readonly kind: 'delete'; readonly key: string };

// A small key space makes deletes of present keys, replacements and re-insertions frequent.
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'ab', 'ba', '/api/app/v1/container/c1/', '/api/app/v1/container/c2/'),
  fc.string({ maxLength: 4 }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

/** Hashes that collide in every way: fully (same 32 bits), and on long prefixes of chunks. */
const hashes: Record<string, StringHash> = {
  default: hashString,
  'all keys collide': () => 42,
  'by length (full collisions)': (k) => k.length,
  'by first char, high bits (deep shared prefixes)': (k) => ((k.charCodeAt(0) || 0) << 27) >>> 0,
  'last chunk only (2-bit chunk at shift 30)': (k) => (k.length % 4) << 30,
};

function entriesOf<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function modelEntries<V>(model: Map<string, V>): [string, V][] {
  return [...model].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('PersistentMap', () => {
  describe.each(Object.entries(hashes))('with hash: %s', (_name, hash) => {
    it('behaves as a Map under random sets and deletes, and never changes an older snapshot', () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
          let map = PersistentMap.empty<number>(hash);
          const model = new Map<string, number>();
          const history: { map: PersistentMap<number>; entries: [string, number][] }[] = [];
          for (const o of ops) {
            const before = map;
            if (o.kind === 'set') {
              const unchanged = model.get(o.key) === o.value;
              model.set(o.key, o.value);
              map = map.set(o.key, o.value);
              expect(map === before).toBe(unchanged);
            } else {
              const unchanged = !model.has(o.key);
              model.delete(o.key);
              map = map.delete(o.key);
              expect(map === before).toBe(unchanged);
            }
            expect(map.size).toBe(model.size);
            expect(map.get(o.key)).toBe(model.get(o.key));
            expect(map.has(o.key)).toBe(model.has(o.key));
            history.push({ map, entries: modelEntries(model) });
          }
          for (const k of ['a', 'b', 'zz', '']) {
            expect(map.get(k)).toBe(model.get(k));
            expect(map.has(k)).toBe(model.has(k));
          }
          expect(entriesOf(map)).toEqual(modelEntries(model));
          expect([...map.keys()].sort()).toEqual([...model.keys()].sort());
          expect([...map.values()].sort()).toEqual([...model.values()].sort());
          const visited: [string, number][] = [];
          map.forEach((value, k, self) => {
            expect(self).toBe(map);
            visited.push([k, value]);
          });
          expect(visited).toEqual([...map.entries()]);
          for (const { map: snapshot, entries } of history) {
            expect(entriesOf(snapshot)).toEqual(entries);
            expect(snapshot.size).toBe(entries.length);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('has an iteration order and a shape that depend on the set of keys alone', () => {
      fc.assert(
        fc.property(fc.uniqueArray(key, { maxLength: 30 }), fc.array(key, { maxLength: 10 }), (keys, extra) => {
          let forward = PersistentMap.empty<number>(hash);
          for (const k of keys) forward = forward.set(k, 1);
          // The same keys reached another way: reversed, with extra keys added then deleted.
          let other = PersistentMap.empty<number>(hash);
          for (const k of extra) other = other.set(k, 1);
          for (const k of [...keys].reverse()) other = other.set(k, 1);
          for (const k of extra) if (!keys.includes(k)) other = other.delete(k);
          expect([...other.keys()]).toEqual([...forward.keys()]);
          expect(other.equals(forward)).toBe(true);
          expect(forward.equals(other)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('equals another map exactly when they hold the same keys with identical values', () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 30 }), fc.array(op, { maxLength: 30 }), (opsA, opsB) => {
          const build = (ops: Op[]): [PersistentMap<number>, Map<string, number>] => {
            let map = PersistentMap.empty<number>(hash);
            const model = new Map<string, number>();
            for (const o of ops) {
              if (o.kind === 'set') {
                map = map.set(o.key, o.value);
                model.set(o.key, o.value);
              } else {
                map = map.delete(o.key);
                model.delete(o.key);
              }
            }
            return [map, model];
          };
          const [a, modelA] = build(opsA);
          const [b, modelB] = build(opsB);
          const same = modelA.size === modelB.size && [...modelA].every(([k, v]) => modelB.has(k) && modelB.get(k) === v);
          expect(a.equals(b)).toBe(same);
        }),
        { numRuns: 500 },
      );
    });
  });

  it('returns to the empty shape once every key is deleted', () => {
    let map = PersistentMap.empty<string>();
    const keys = Array.from({ length: 5000 }, (_, i) => `/api/app/v1/container/${i.toString(16)}/`);
    for (const k of keys) map = map.set(k, k);
    expect(map.size).toBe(5000);
    expect(map.get(keys[1234]!)).toBe(keys[1234]);
    for (const k of keys) map = map.delete(k);
    expect(map.size).toBe(0);
    expect([...map]).toEqual([]);
    expect(map.equals(PersistentMap.empty<string>())).toBe(true);
  });

  it('shares structure: an update copies a path, not the map', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 100_000; i++) map = map.set(`k${i}`, i);
    const start = process.hrtime.bigint();
    let next = map;
    for (let i = 0; i < 20_000; i++) next = next.set(`k${i}`, -i);
    const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    // Path copying takes tens of milliseconds here; copying 100 000 entries per update would
    // take several seconds, so the bound holds on a loaded machine and still tells them apart.
    expect(elapsedMs).toBeLessThan(3000);
    expect(map.get('k7')).toBe(7);
    expect(next.get('k7')).toBe(-7);
  });

  it('is a ReadonlyMap: iterable, with a toStringTag', () => {
    const map = PersistentMap.empty<number>().set('x', 1).set('y', 2);
    expect(new Map(map)).toEqual(
      new Map([
        ['x', 1],
        ['y', 2],
      ]),
    );
    expect(Object.prototype.toString.call(map)).toBe('[object PersistentMap]');
    expect(map.get('z')).toBeUndefined();
    expect(map.delete('z')).toBe(map);
  });
});
