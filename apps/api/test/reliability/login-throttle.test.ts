import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// Issue 13 §3 (SPEC §13 "rate limits on auth routes"): password guessing is throttled per account
// and address, per address and per account, with growing delays (429 + Retry-After), counted in
// PostgreSQL so replicas agree; and nobody else's failures lock the owner out of the place they
// usually sign in from. Time passing is simulated by moving the counters' timestamps back.

let t: TestApp
const tally = createTally('login-throttle', 'auth')
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  tally.report()
  await t.close()
})

const PASSWORD = 'correct horse battery'
const HOME = '198.51.100.7'
let n = 0
const fresh = () => `203.0.113.${++n}`

async function login(email: string, password: string, address: string, via: 'rest' | 'graphql' = 'rest') {
  tally.add('login attempts')
  if (via === 'rest') return t.rest('POST', '/v1/api/auth/login', { body: { email, password }, address })
  const g = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Error { code message } } }`, { e: email, p: password }, undefined, { address })
  const r = g.data?.login ?? {}
  return { status: r.__typename === 'MutationLoginSuccess' ? 200 : r.code === 'RATE_LIMITED' ? 429 : r.code === 'UNAUTHENTICATED' ? 401 : 0, body: r, headers: new Headers() }
}

/** As if `seconds` had passed since every counted attempt. */
const wait = (seconds: number) =>
  t.db.$executeRaw`UPDATE "AuthThrottle" SET "lastAt" = "lastAt" - make_interval(secs => ${seconds}), "windowStart" = "windowStart" - make_interval(secs => ${seconds})`

describe('login throttle', () => {
  it('one account from one address: 5 free failures, then each attempt waits 1, 2, 4 s (429 + Retry-After), the right password too', async () => {
    const { email } = await t.signUp('victim1', { address: HOME })
    const attacker = fresh()
    for (let i = 0; i < 5; i++) expect((await login(email, `guess-${i}`, attacker, i % 2 ? 'graphql' : 'rest')).status).toBe(401)
    for (const expected of [1, 2, 4]) {
      const refused = await login(email, 'guess', attacker)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe(String(expected))
      expect(refused.body.error).toBe(`too many requests; retry in ${expected}s`)
      // From that address the right password waits too: the guesser learns nothing from it.
      expect((await login(email, PASSWORD, attacker)).status).toBe(429)
      const g = await login(email, PASSWORD, attacker, 'graphql')
      expect(g.body).toMatchObject({ code: 'RATE_LIMITED', message: `too many requests; retry in ${expected}s` })
      await wait(expected + 0.5)
      expect((await login(email, `late-${expected}`, attacker)).status).toBe(401)
    }
    // Meanwhile the owner, from where they registered, signs in at once.
    expect((await login(email, PASSWORD, HOME)).status).toBe(200)
  })

  it("a guess spread over many addresses slows strangers on that account, never the owner's usual address", async () => {
    const { email } = await t.signUp('victim2', { address: HOME })
    for (let i = 0; i < 10; i++) expect((await login(email, `guess-${i}`, fresh())).status).toBe(401)
    // An address that never signed in to this account waits, even with the right password…
    const stranger = await login(email, PASSWORD, fresh())
    expect(stranger.status).toBe(429)
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // …the owner's address does not (REST and GraphQL), and having signed in from a second
    // address makes that one known too.
    expect((await login(email, PASSWORD, HOME)).status).toBe(200)
    expect((await login(email, PASSWORD, HOME, 'graphql')).status).toBe(200)
    const travel = fresh()
    await wait(3600 * 2)
    expect((await login(email, PASSWORD, travel)).status).toBe(200)
    for (let i = 0; i < 10; i++) await login(email, `again-${i}`, fresh())
    expect((await login(email, PASSWORD, fresh())).status).toBe(429)
    expect((await login(email, PASSWORD, travel)).status).toBe(200)
  })

  it('password spraying: 30 failures from one address over many accounts, then that address waits; others do not', async () => {
    const target = await t.signUp('sprayed', { address: HOME })
    const spray = fresh()
    for (let i = 0; i < 30; i++) expect((await login(`nobody-${i}@example.test`, 'Winter2026!', spray)).status).toBe(401)
    expect((await login(target.email, 'Winter2026!', spray)).status).toBe(429)
    expect((await login(target.email, PASSWORD, spray)).status).toBe(429)
    expect((await login(`someone-else@example.test`, 'Winter2026!', fresh())).status).toBe(401)
    expect((await login(target.email, PASSWORD, HOME)).status).toBe(200)
  })

  it('an unknown email is throttled exactly like a registered one (the 429 does not tell them apart)', async () => {
    const { email } = await t.signUp('victim3', { address: HOME })
    const address = fresh()
    const outcome = async (e: string) => {
      const codes: number[] = []
      for (let i = 0; i < 7; i++) codes.push((await login(e, `guess-${i}`, address)).status)
      return codes
    }
    expect(await outcome(email)).toEqual([401, 401, 401, 401, 401, 429, 429])
    expect(await outcome('never-registered@example.test')).toEqual([401, 401, 401, 401, 401, 429, 429])
  })

  it('twenty racing guesses cannot get past the allowance: exactly 5 are checked, 15 refused', async () => {
    const { email } = await t.signUp('victim4', { address: HOME })
    const address = fresh()
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, `race-${i}`, address)))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(15)
  })

  it('two replicas on one database share the counters', async () => {
    const other = t.replica()
    const { email } = await t.signUp('victim5', { address: HOME })
    const address = fresh()
    for (let i = 0; i < 5; i++) {
      const via = i % 2 ? other : t
      tally.add('login attempts')
      expect((await via.rest('POST', '/v1/api/auth/login', { body: { email, password: `g-${i}` }, address })).status).toBe(401)
    }
    tally.add('login attempts', 2)
    expect((await other.rest('POST', '/v1/api/auth/login', { body: { email, password: 'g' }, address })).status).toBe(429)
    expect((await t.rest('POST', '/v1/api/auth/login', { body: { email, password: 'g' }, address })).status).toBe(429)
  })

  it('aliased login mutations in one request cannot get past the limit', async () => {
    const { email } = await t.signUp('victim6', { address: HOME })
    const aliases = Array.from({ length: 14 }, (_, i) => `a${i}: login(email: $e, password: "wrong-${i}") { __typename ... on Error { code } }`).join(' ')
    const res = await t.gql(`mutation($e: String!) { ${aliases} }`, { e: email }, undefined, { address: fresh() })
    tally.add('login attempts', 14)
    const codes = Object.values(res.data ?? {}).map((v) => (v as { code?: string }).code)
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5)
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(9)
  })

  it('spelling the email differently (case, spaces) counts against the same account; another account is unaffected', async () => {
    const victim = await t.signUp('victim7', { address: HOME })
    const other = await t.signUp('bystander', { address: HOME })
    const address = fresh()
    const spellings = [victim.email, victim.email.toUpperCase(), ` ${victim.email} `, victim.email.replace(/^./, (c) => c.toUpperCase())]
    for (let i = 0; i < 5; i++) await login(spellings[i % spellings.length]!, `guess-${i}`, address)
    expect((await login(victim.email, PASSWORD, address)).status).toBe(429)
    expect((await login(other.email, PASSWORD, address)).status).toBe(200)
  })

  it('a forged X-Forwarded-For buys no fresh address; behind a trusted proxy the forwarded address is the one counted', async () => {
    const { email } = await t.signUp('victim9', { address: HOME })
    const attacker = fresh()
    for (let i = 0; i < 7; i++) {
      tally.add('login attempts')
      await t.rest('POST', '/v1/api/auth/login', { body: { email, password: `g-${i}` }, address: attacker, headers: { 'x-forwarded-for': `192.0.2.${200 + i}` } })
    }
    expect((await login(email, 'g', attacker)).status).toBe(429)
    const proxied = await createTestApp({ trustProxyHops: 1 })
    try {
      const user = await proxied.signUp('proxied', { address: '10.0.0.1' })
      const viaProxy = (password: string, client: string) => (tally.add('login attempts'), proxied.rest('POST', '/v1/api/auth/login', { body: { email: user.email, password }, address: '10.0.0.1', headers: { 'x-forwarded-for': client } }))
      for (let i = 0; i < 5; i++) expect((await viaProxy(`g-${i}`, '192.0.2.50')).status).toBe(401)
      expect((await viaProxy('g', '192.0.2.50')).status).toBe(429)
      expect((await viaProxy(PASSWORD, '192.0.2.51')).status).toBe(200)
    } finally {
      await proxied.close()
    }
  })

  it('malformed logins (400) are not counted, and the counters hold no email or address in clear', async () => {
    const { email } = await t.signUp('victim8', { address: HOME })
    const address = fresh()
    for (let i = 0; i < 10; i++) {
      tally.add('login attempts')
      expect((await t.rest('POST', '/v1/api/auth/login', { body: { email, password: 123 }, address })).status).toBe(400)
    }
    expect((await login(email, PASSWORD, address)).status).toBe(200)
    const rows = JSON.stringify(await t.db.$queryRaw`SELECT * FROM "AuthThrottle"`)
    expect(rows).not.toContain('victim')
    expect(rows).not.toContain(HOME)
    expect(rows).not.toContain('203.0.113.')
  })
})
