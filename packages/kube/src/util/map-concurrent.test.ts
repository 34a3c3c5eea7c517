import { describe, expect, it } from 'vitest'
import { mapConcurrent } from './map-concurrent.ts'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('mapConcurrent', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0
    let peak = 0
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n, i) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await tick(n)
      inFlight--
      return `${i}:${n}`
    })
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0'])
    expect(peak).toBe(2)
  })

  it('runs every item even when one throws, then rethrows the first failure', async () => {
    const done: number[] = []
    await expect(
      mapConcurrent([1, 2, 3, 4], 2, async (n) => {
        if (n === 2) throw new Error('two')
        await tick(1)
        done.push(n)
        return n
      }),
    ).rejects.toThrow('two')
    expect(done.sort()).toEqual([1, 3, 4])
  })

  it('handles an empty list', async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([])
  })
})
