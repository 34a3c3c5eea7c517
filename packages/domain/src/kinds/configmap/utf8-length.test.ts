import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Length } from './schema.ts';

describe('utf8Length', () => {
  it('counts what TextEncoder writes, for any string (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts 1, 2, 3 and 4-byte characters', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800x')).toBe(4); // lone high surrogate → U+FFFD, then "x"
  });
});
