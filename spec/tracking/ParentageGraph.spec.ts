import fc from 'fast-check';
import { ParentageGraph } from '../../lib/tracking/ParentageGraph.js';

describe('ParentageGraph', () => {
  it('remembers, replaces and forgets the parents of a resource', () => {
    const graph = new ParentageGraph();
    expect(graph.size).toBe(0);
    graph.learn('c1', ['s1', 'st']);
    graph.learn('s1', ['st']);
    expect(graph.size).toBe(2);
    expect(graph.parentsOf('c1')).toEqual(['s1', 'st']);
    graph.learn('c1', ['s2', 'st']);
    expect(graph.parentsOf('c1')).toEqual(['s2', 'st']);
    expect(graph.size).toBe(2);
    expect(graph.forget('c1')).toBe(true);
    expect(graph.forget('c1')).toBe(false);
    expect(graph.parentsOf('c1')).toBeUndefined();
    expect(graph.forget('s1')).toBe(true);
    expect(graph.size).toBe(0);
  });

  it('copies only the first `count` parents, and only when they changed', () => {
    const graph = new ParentageGraph();
    const scratch = ['s1', 'st', 'stale'];
    graph.learn('c1', scratch, 2);
    const learned = graph.parentsOf('c1');
    expect(learned).toEqual(['s1', 'st']);
    scratch[0] = 's1';
    graph.learn('c1', scratch, 2);
    expect(graph.parentsOf('c1')).toBe(learned);
    scratch[1] = 'other';
    graph.learn('c1', scratch, 2);
    expect(graph.parentsOf('c1')).toEqual(['s1', 'other']);
    // The caller's array is never kept: changing it later changes nothing.
    scratch[0] = 'x';
    expect(graph.parentsOf('c1')).toEqual(['s1', 'other']);
  });

  it('reaches a target through learned ancestors', () => {
    const graph = new ParentageGraph();
    graph.learn('c1', ['s1', 'n1']);
    graph.learn('s1', ['st']);
    graph.learn('n1', ['nc']);
    const targets = (...keys: string[]): ReadonlySet<string> => new Set(keys);
    expect(graph.reaches(['c1'], 1, targets('st'))).toBe(true);
    expect(graph.reaches(['c1'], 1, targets('nc'))).toBe(true);
    expect(graph.reaches(['c1'], 1, targets('other'))).toBe(false);
    expect(graph.reaches(['c1', 'st'], 1, targets('st', 'x'))).toBe(true);
    // Only the first `count` keys are starting points.
    expect(graph.reaches(['x', 'st'], 1, targets('st'))).toBe(false);
    expect(graph.reaches([], 0, targets('st'))).toBe(false);
  });

  it('terminates on cycles, and never counts the resource being checked', () => {
    const graph = new ParentageGraph();
    graph.learn('a', ['b']);
    graph.learn('b', ['c']);
    graph.learn('c', ['a']);
    graph.learn('self', ['self']);
    expect(graph.reaches(['a'], 1, new Set(['z']))).toBe(false);
    expect(graph.reaches(['a'], 1, new Set(['c']))).toBe(true);
    expect(graph.reaches(['self'], 1, new Set(['self']), 'self')).toBe(false);
    expect(graph.reaches(['b'], 1, new Set(['a']), 'a')).toBe(false);
    expect(graph.reaches(['b'], 1, new Set(['a', 'c']), 'a')).toBe(true);
  });

  it('answers as a plain breadth-first search does, and empties when everything is forgotten', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const op = fc.oneof(
      fc.record({ learn: key, parents: fc.array(key, { maxLength: 3 }) }),
      fc.record({ forget: key }),
      fc.record({ from: fc.array(key, { maxLength: 3 }), targets: fc.array(key, { maxLength: 2 }), self: fc.option(key) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const graph = new ParentageGraph();
        const model = new Map<string, readonly string[]>();
        for (const o of ops) {
          if ('learn' in o) {
            graph.learn(o.learn, o.parents);
            model.set(o.learn, [...o.parents]);
          } else if ('forget' in o) {
            expect(graph.forget(o.forget)).toBe(model.delete(o.forget));
          } else {
            const self = o.self ?? undefined;
            expect(graph.reaches(o.from, o.from.length, new Set(o.targets), self)).toBe(reference(model, o.from, new Set(o.targets), self));
          }
          expect(graph.size).toBe(model.size);
        }
        for (const child of [...model.keys()]) graph.forget(child);
        expect(graph.size).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});

function reference(
  model: ReadonlyMap<string, readonly string[]>,
  from: readonly string[],
  targets: ReadonlySet<string>,
  self?: string,
): boolean {
  const visited = new Set<string>();
  const queue = [...from];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (key !== self && targets.has(key)) return true;
    if (visited.has(key)) continue;
    visited.add(key);
    queue.push(...(model.get(key) ?? []));
  }
  return false;
}
