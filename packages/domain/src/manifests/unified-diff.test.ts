import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, formatUnified, splitLines, unifiedDiff } from './unified-diff.ts';

describe('diffLines', () => {
  it('is a minimal edit script that rebuilds both sides', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }), fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }), (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.op !== 'insert').map((o) => o.line)).toEqual(a);
        expect(ops.filter((o) => o.op !== 'delete').map((o) => o.line)).toEqual(b);
        // Minimal: the number of kept lines is the longest common subsequence.
        expect(ops.filter((o) => o.op === 'equal').length).toBe(lcs(a, b));
      }),
    );
  });
});

function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
    }
  }
  return t[a.length]![b.length]!;
}

describe('unifiedDiff', () => {
  const labels = { old: 'a/x', new: 'b/x' };
  const lines = (n: number, change?: [number, string]) =>
    `${Array.from({ length: n }, (_, i) => (change && change[0] === i ? change[1] : `line ${i + 1}`)).join('\n')}\n`;

  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', labels)).toBe('');
  });

  it('prints one hunk with three lines of context, as diff -u does', () => {
    expect(unifiedDiff(lines(10), lines(10, [4, 'changed']), labels)).toBe(
      ['--- a/x', '+++ b/x', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+changed', ' line 6', ' line 7', ' line 8', ''].join('\n'),
    );
  });

  it('splits distant changes into hunks and numbers them', () => {
    const old = lines(20);
    const next = lines(20).replace('line 2\n', 'two\n').replace('line 18\n', 'eighteen\n');
    expect(unifiedDiff(old, next, labels).split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
  });

  it('writes an added or removed text as the line diff would', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '', ' x', 'key: value', '- item'), { minLength: 1, maxLength: 40 }).map((l) => `${l.join('\n')}\n`);
    fc.assert(
      fc.property(text, (t) => {
        expect(unifiedDiff('', t, labels)).toBe(formatUnified(diffLines([], splitLines(t)), labels));
        expect(unifiedDiff(t, '', labels)).toBe(formatUnified(diffLines(splitLines(t), []), labels));
      }),
    );
  });

  it('numbers an empty side like diff -u', () => {
    expect(unifiedDiff('', 'a\nb\n', labels)).toBe('--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff('a\n', '', labels)).toBe('--- a/x\n+++ b/x\n@@ -1,1 +0,0 @@\n-a\n');
  });
});
