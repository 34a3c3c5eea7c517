import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// SPEC §13 "rate limits on auth routes": password guessing on one account is throttled however
// the guesses arrive — REST, GraphQL, many aliased mutations in one request, or the email spelled
// differently — and the throttle answers cleanly (429 / RateLimitedError), never a 5xx.

let t: TestApp
const tally = createTally('login-throttle', 'fuzz')
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  tally.report()
  await t.close()
})

const PASSWORD = 'correct horse battery'

describe('login throttle', () => {
  it('ten wrong passwords over REST and GraphQL lock the account; then even the right one is refused with 429', async () => {
    const { email } = await t.signUp('victim1')
    for (let i = 0; i < 5; i++) {
      expect((await t.rest('POST', '/v1/api/auth/login', { body: { email, password: `guess-${i}` } })).status).toBe(401)
      const g = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Error { code } } }`, { e: email, p: `gql-${i}` })
      expect(g.data.login.code).toBe('UNAUTHENTICATED')
      tally.add('login attempts', 2)
    }
    const locked = await t.rest('POST', '/v1/api/auth/login', { body: { email, password: PASSWORD } })
    expect(locked.status).toBe(429)
    expect(locked.body.error).toMatch(/too many requests; retry in \d+s/)
    const g = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Error { code } } }`, { e: email, p: PASSWORD })
    expect(JSON.stringify(g)).toMatch(/RATE_LIMITED/)
    tally.add('login attempts', 2)
  })

  it('aliased login mutations in one request cannot get past the limit', async () => {
    const { email } = await t.signUp('victim2')
    const aliases = Array.from({ length: 14 }, (_, i) => `a${i}: login(email: $e, password: "wrong-${i}") { __typename ... on Error { code } }`).join(' ')
    const res = await t.gql(`mutation($e: String!) { ${aliases} }`, { e: email })
    tally.add('login attempts', 14)
    const codes = Object.values(res.data ?? {}).map((v) => (v as { code?: string }).code)
    const errors = (res.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code)
    const all = [...codes, ...errors]
    expect(all.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(10)
    expect(all).toContain('RATE_LIMITED')
    expect((await t.rest('POST', '/v1/api/auth/login', { body: { email, password: PASSWORD } })).status).toBe(429)
  })

  it('spelling the email differently (case, spaces) counts against the same account; another account is unaffected', async () => {
    const victim = await t.signUp('victim3')
    const other = await t.signUp('bystander')
    const spellings = [victim.email, victim.email.toUpperCase(), ` ${victim.email} `, victim.email.replace(/^./, (c) => c.toUpperCase())]
    for (let i = 0; i < 10; i++) await t.rest('POST', '/v1/api/auth/login', { body: { email: spellings[i % spellings.length], password: `guess-${i}` } })
    tally.add('login attempts', 10)
    expect((await t.rest('POST', '/v1/api/auth/login', { body: { email: victim.email, password: PASSWORD } })).status).toBe(429)
    expect((await t.rest('POST', '/v1/api/auth/login', { body: { email: other.email, password: PASSWORD } })).status).toBe(200)
    tally.add('login attempts', 2)
  })
})
