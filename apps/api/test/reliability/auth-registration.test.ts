import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// Issue 13 §3/§4: registration is limited per client address per hour (100 accounts in 2.5 s were
// accepted), counted in PostgreSQL for every replica; an operator can close registration
// (KUBEORCH_REGISTRATION=closed), which still lets the first account of an empty instance in.

const tally = createTally('auth-registration', 'auth')
afterAll(() => tally.report())

const body = (name: string) => ({ email: `${name}@example.test`, password: 'correct horse battery' })

describe('registration limit per address', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ registrationsPerHour: 3 })
  })
  afterAll(() => t.close())

  it('three accounts an hour from one address, then 429 with Retry-After; another address is unaffected; an hour later, three more', async () => {
    const register = (name: string, address: string) => (tally.add('registrations'), t.rest('POST', '/v1/api/auth/register', { body: body(name), address }))
    for (const name of ['r1', 'r2', 'r3']) expect((await register(name, '192.0.2.10')).status).toBe(201)
    const refused = await register('r4', '192.0.2.10')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500)
    expect(refused.body.error).toMatch(/^too many requests; retry in \d+s$/)
    // A failed attempt (the email is taken) counts as well: registration is no email oracle either.
    expect((await register('r1', '192.0.2.10')).status).toBe(429)
    const g = await t.gql(`mutation { register(email: "g1@example.test", password: "correct horse battery") { __typename ... on Error { code } } }`, {}, undefined, { address: '192.0.2.10' })
    tally.add('registrations')
    expect(g.data?.register).toEqual({ __typename: 'RateLimitedError', code: 'RATE_LIMITED' })
    expect((await register('r5', '192.0.2.11')).status).toBe(201)
    expect(await t.db.user.count({ where: { email: { in: ['r4@example.test', 'g1@example.test'] } } })).toBe(0)
    await t.db.$executeRaw`UPDATE "AuthThrottle" SET "windowStart" = "windowStart" - interval '61 minutes'`
    expect((await register('r6', '192.0.2.10')).status).toBe(201)
  })

  it('IPv6 clients are counted by their /64, and two replicas share the count', async () => {
    const other = t.replica()
    const r = (via: { rest: TestApp['rest'] }, name: string, address: string) => (tally.add('registrations'), via.rest('POST', '/v1/api/auth/register', { body: body(name), address }))
    expect((await r(t, 'v1', '2001:db8:1:2::1')).status).toBe(201)
    expect((await r(other, 'v2', '2001:db8:1:2:ffff::9')).status).toBe(201)
    expect((await r(t, 'v3', '2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).status).toBe(201)
    expect((await r(other, 'v4', '2001:db8:1:2::77')).status).toBe(429)
    expect((await r(t, 'v5', '2001:db8:1:3::1')).status).toBe(201)
  })
})

describe('KUBEORCH_REGISTRATION=closed', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ registration: 'closed' })
  })
  afterAll(() => t.close())

  it('the first account of an empty instance can be created (once, even when two race); after that 403 with a clear message', async () => {
    const [a, b] = await Promise.all([
      t.rest('POST', '/v1/api/auth/register', { body: body('first') }),
      t.rest('POST', '/v1/api/auth/register', { body: body('racer') }),
    ])
    tally.add('registrations', 2)
    expect([a.status, b.status].sort()).toEqual([201, 403])
    const closed = await t.rest('POST', '/v1/api/auth/register', { body: body('late') })
    tally.add('registrations')
    expect(closed.status).toBe(403)
    expect(closed.body.error).toBe('registration is closed on this KubeOrch; ask its operator for an account')
    for (const field of ['register', 'signUp']) {
      const g = await t.gql(`mutation { ${field}(email: "late2@example.test", password: "correct horse battery") { __typename ... on Error { code message } } }`)
      tally.add('registrations')
      expect(g.data?.[field]).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN', message: /registration is closed/ })
    }
    expect(await t.db.user.count()).toBe(1)
    // Those who have an account still sign in.
    const winner = a.status === 201 ? 'first' : 'racer'
    expect((await t.rest('POST', '/v1/api/auth/login', { body: body(winner) })).status).toBe(200)
  })
})
