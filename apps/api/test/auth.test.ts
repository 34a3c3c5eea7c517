import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('auth', () => {
  it('stores an argon2 hash, never the password, and never returns it', async () => {
    const res = await t.rest('POST', '/v1/api/auth/register', { body: { email: 'Pat@Example.test', password: 'correct horse battery' } })
    expect(res.status).toBe(201)
    expect(res.body.user).toEqual({ id: expect.any(String), email: 'pat@example.test', name: 'pat', created_at: expect.any(String) })
    const row = await t.db.user.findUniqueOrThrow({ where: { email: 'pat@example.test' } })
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    expect(JSON.stringify(res.body)).not.toContain('argon2')
  })

  it('refuses a duplicate email and a short password, naming the field', async () => {
    const dup = await t.rest('POST', '/v1/api/auth/register', { body: { email: 'pat@example.test', password: 'another password' } })
    expect(dup.status).toBe(400)
    expect(dup.body.details.issues[0]).toMatchObject({ field: 'email' })
    const short = await t.rest('POST', '/v1/api/auth/register', { body: { email: 'new@example.test', password: 'short' } })
    expect(short.body.details.issues[0]).toMatchObject({ field: 'password', message: 'must be at least 8 characters' })
    expect(await t.db.user.count()).toBe(1)
  })

  it('logs in, and an API token works for scripts until revoked', async () => {
    const login = await t.rest('POST', '/v1/api/auth/login', { body: { email: 'pat@example.test', password: 'correct horse battery' } })
    expect(login.status).toBe(200)
    const created = await t.rest('POST', '/v1/api/auth/tokens', { token: login.body.token, body: { name: 'ci' } })
    expect(created.body.token).toMatch(/^ko_/)
    const stored = await t.db.apiToken.findFirstOrThrow()
    expect(stored.tokenHash).not.toContain(created.body.token)
    expect((await t.rest('GET', '/v1/api/workflows', { token: created.body.token })).status).toBe(200)
    expect((await t.rest('DELETE', `/v1/api/auth/tokens/${created.body.id}`, { token: login.body.token })).status).toBe(204)
    expect((await t.rest('GET', '/v1/api/workflows', { token: created.body.token })).status).toBe(401)
  })

  it('rejects forged and garbage tokens', async () => {
    expect((await t.rest('GET', '/v1/api/workflows', { token: 'ko_notarealtoken' })).status).toBe(401)
    expect((await t.rest('GET', '/v1/api/workflows', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' })).status).toBe(401)
  })

  it('throttles repeated failed logins for one account without locking its owner out (more in reliability/login-throttle)', async () => {
    const attempt = (password: string, address: string) => t.rest('POST', '/v1/api/auth/login', { body: { email: 'pat@example.test', password }, address })
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password', '192.0.2.66')).status).toBe(401)
    const limited = await attempt('wrong password', '192.0.2.66')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    // From the guesser's address even the right password waits: the guesser cannot tell.
    expect((await attempt('correct horse battery', '192.0.2.66')).status).toBe(429)
    // Pat registered from no particular address here ('unknown', the in-process default): still in.
    expect((await t.rest('POST', '/v1/api/auth/login', { body: { email: 'pat@example.test', password: 'correct horse battery' } })).status).toBe(200)
  })
})
