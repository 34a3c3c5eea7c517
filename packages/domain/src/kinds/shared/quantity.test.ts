import { describe, expect, it } from 'vitest';
import { parseQuantity, quantity } from './quantity.ts';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['1e3', 1000],
    ['.5', 0.5],
  ])('%s → %d', (input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected);
  });

  it.each(['', 'abc', '1 Gi', '-1', '1GB', '1gi', 'Mi', '1.2.3'])('rejects %j', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
    expect(quantity('1Gi').safeParse(input).success).toBe(false);
  });
});
