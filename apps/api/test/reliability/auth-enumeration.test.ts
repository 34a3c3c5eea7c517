import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// Issue 13 §3: a login for an unknown email answered in ~4 ms, for a registered one in ~30 ms
// (argon2), so timing told which emails exist. Now both verify a hash. Behaviour, not a benchmark:
// medians of interleaved attempts (each account and address tried once, so no throttle is in the
// way) must be within a factor of 2.5 of each other; before the fix they were ~7× apart.

let t: TestApp
const tally = createTally('auth-enumeration', 'auth')
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  tally.report()
  await t.close()
})

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

describe('login does not tell registered emails apart', () => {
  it('the same answer for an unknown email and a wrong password, in about the same time', async () => {
    const accounts = await Promise.all(Array.from({ length: 22 }, (_, i) => t.signUp(`known-${i}`)))
    let n = 0
    const timed = async (e: string) => {
      const started = performance.now()
      const res = await t.rest('POST', '/v1/api/auth/login', { body: { email: e, password: 'not the password' }, address: `192.0.2.${++n % 250}` })
      tally.add('timed logins')
      return { ms: performance.now() - started, res }
    }
    await timed(accounts[21]!.email) // warm-up: the dummy hash is made on first use
    await timed('warmup@example.test')
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 21; i++) {
      const a = await timed(accounts[i]!.email)
      const b = await timed(`nobody-${i}@example.test`)
      expect(a.res.status).toBe(401)
      expect(b.res.status).toBe(401)
      expect(b.res.body).toEqual(a.res.body)
      known.push(a.ms)
      unknown.push(b.ms)
    }
    const ratio = median(known) / median(unknown)
    console.log(`login medians: registered email ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`)
    expect(ratio, `median known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`).toBeLessThan(2.5)
    expect(ratio).toBeGreaterThan(1 / 2.5)
  })
})
