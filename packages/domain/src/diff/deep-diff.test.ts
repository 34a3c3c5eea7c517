import { describe, expect, it } from 'vitest';
import { deepDiff } from './deep-diff.ts';
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
