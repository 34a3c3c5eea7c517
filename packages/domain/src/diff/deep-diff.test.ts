import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepDiff, deepEqual, leafChanges } from './deep-diff.ts';
import { compareFieldPaths, formatFieldPath } from './field-path.ts';

describe('deepDiff', () => {
  it('reports leaf changes with their paths', () => {
    expect(deepDiff({ a: 1, b: { c: [1, 2] }, d: 'x' }, { a: 1, b: { c: [1, 3, 4] }, e: null })).toEqual([
      { path: ['b', 'c', 1], old: 2, new: 3 },
      { path: ['b', 'c', 2], old: undefined, new: 4 },
      { path: ['d'], old: 'x', new: undefined },
      { path: ['e'], old: undefined, new: null },
    ]);
  });

  it('treats a missing key like undefined, and a shape change as one change', () => {
    expect(deepDiff({ a: undefined }, {})).toEqual([]);
    expect(deepDiff({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: ['a'], old: [1], new: { 0: 1 } }]);
  });
});

describe('deepEqual', () => {
  // Pairs that are often equal or nearly so: one value, and a copy with a few edits (a leaf
  // changed, a key removed or set to undefined, an item appended, a shape swapped).
  const leaf = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom('a', 'b', '', null, true, undefined, -0, 0, Number.NaN));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ maxDepth: 3 }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'toString', '__proto__'), tie('v'), { maxKeys: 3 })),
  })).v;
  const edit = (v: unknown, pick: number, to: unknown): unknown => {
    if (Array.isArray(v)) return pick % 3 === 0 ? [...v, to] : v.map((x, i) => (i === pick % v.length ? edit(x, pick >> 1, to) : x));
    if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      if (keys.length === 0 || pick % 4 === 0) return { ...v, c: to };
      const key = keys[pick % keys.length]!;
      return pick % 5 === 0 ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== key)) : { ...v, [key]: edit((v as Record<string, unknown>)[key], pick >> 2, to) };
    }
    return to;
  };
  const pair = fc.oneof(
    fc.tuple(value, value),
    fc.tuple(value, fc.nat(), value).map(([v, pick, to]) => [v, edit(v, pick, to)] as const),
    value.map((v) => [v, structuredClone(v)] as const),
  );

  it('is true exactly when the full diff finds no change, so deepDiff may answer [] from it', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const full = leafChanges(a, b);
        expect(deepEqual(a, b)).toBe(full.length === 0);
        expect(deepDiff(a, b)).toEqual(full);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('field paths', () => {
  it('formats like JavaScript accessors', () => {
    expect(formatFieldPath(['data', 'env', 0, 'value'])).toBe('data.env[0].value');
    expect(formatFieldPath(['data', 'data', 'app.yaml'])).toBe('data.data["app.yaml"]');
  });

  it('sorts indexes numerically', () => {
    const paths = [['env', 10], ['env', 2], ['env'], ['a', 'b']];
    expect(paths.sort(compareFieldPaths)).toEqual([['a', 'b'], ['env'], ['env', 2], ['env', 10]]);
  });
});
