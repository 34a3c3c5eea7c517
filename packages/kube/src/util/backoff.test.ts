import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff.ts'

describe('backoffDelay', () => {
  it('doubles from the base and caps, with jitter of at most 20% below', () => {
    const max = (attempt: number) => backoffDelay(attempt, { random: () => 1 })
    const min = (attempt: number) => backoffDelay(attempt, { random: () => 0 })
    expect([0, 1, 2, 3].map(max)).toEqual([500, 1000, 2000, 4000])
    expect(max(20)).toBe(30_000)
    expect(max(10_000)).toBe(30_000)
    expect(min(0)).toBe(400)
  })
})
