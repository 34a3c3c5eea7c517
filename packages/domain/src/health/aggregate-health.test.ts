import { describe, expect, it } from 'vitest';
import { aggregateHealth } from './aggregate-health.ts';
import type { HealthState } from './health-state.ts';

const of = (...states: HealthState[]) => aggregateHealth(states.map((state) => ({ state, message: state })));

describe('aggregateHealth', () => {
  it.each<[HealthState[], HealthState]>([
    [[], 'unknown'],
    [['healthy', 'healthy'], 'healthy'],
    [['healthy', 'unknown'], 'unknown'],
    [['unknown', 'partial', 'healthy'], 'partial'],
    [['healthy', 'partial', 'error', 'unknown'], 'error'],
  ])('%j → %s', (states, expected) => {
    expect(of(...states)).toBe(expected);
  });
});
