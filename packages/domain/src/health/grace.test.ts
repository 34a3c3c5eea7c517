import { describe, expect, it } from 'vitest';
import { redIn } from './grace.ts';

describe('redIn', () => {
  const at = (ms: number) => new Date(ms);
  it.each([
    [30_000, 0, 'red in 30 s unless x'],
    [30_000, 4_000, 'red in 30 s unless x'],
    [30_000, 5_000, 'red in 25 s unless x'],
    [30_000, 29_999, 'red in 5 s unless x'],
    [30_000, 31_000, 'red in 5 s unless x'],
  ])('deadline %d at %d → %s', (deadline, now, expected) => {
    expect(redIn(deadline, at(now), 'x')).toBe(expected);
  });
});
