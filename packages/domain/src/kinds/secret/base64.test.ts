import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Encode } from './base64.ts';

describe('base64Encode', () => {
  it('matches known vectors', () => {
    expect(base64Encode('')).toBe('');
    expect(base64Encode('f')).toBe('Zg==');
    expect(base64Encode('fo')).toBe('Zm8=');
    expect(base64Encode('foo')).toBe('Zm9v');
    expect(base64Encode('héllo')).toBe('aMOpbGxv');
  });

  it('agrees with Buffer for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => base64Encode(s) === Buffer.from(s, 'utf8').toString('base64')));
  });
});
