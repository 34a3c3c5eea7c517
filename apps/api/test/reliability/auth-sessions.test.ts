import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBearerSession } from '../../src/services/index.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// Issue 13 §5: the web app's session is an httpOnly, SameSite=Lax cookie naming a revocable
// Session row (no bearer token for scripts to steal from localStorage); writes authenticated by
// the cookie need the session's CSRF token; another site's page cannot use the cookie; sessions
// are listed and revocable; bearer tokens work for scripts as before.

let t: TestApp
const tally = createTally('auth-sessions', 'auth')
const WEB = 'http://127.0.0.1:3000'
const EVIL = 'https://evil.example'
const PASSWORD = 'correct horse battery'

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  tally.report()
  await t.close()
})

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename
  ... on MutationSignInSuccess { data { csrfToken expiresAt user { email } } } ... on Error { code message } } }`

async function signIn(email: string, opts: { origin?: string; url?: string } = {}) {
  tally.add('session probes')
  const res = await t.app.handle(
    new Request(opts.url ?? 'http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: opts.origin ?? WEB },
      body: JSON.stringify({ query: SIGN_IN, variables: { e: email, p: PASSWORD } }),
    }),
  )
  const setCookie = res.headers.getSetCookie()
  const body = await res.json()
  return { setCookie, cookie: setCookie[0]?.split(';')[0] ?? '', csrf: body.data?.signIn?.data?.csrfToken as string, body }
}

/** A GraphQL request the way a browser on `origin` sends it with the cookie. */
async function asBrowser(query: string, o: { cookie: string; csrf?: string; origin?: string; method?: 'GET' | 'POST'; variables?: Record<string, unknown> }) {
  tally.add('session probes')
  const headers: Record<string, string> = { cookie: o.cookie, origin: o.origin ?? WEB, accept: 'application/json' }
  if (o.csrf) headers['x-kubeorch-csrf'] = o.csrf
  const res =
    o.method === 'GET'
      ? await t.app.handle(new Request(`http://test/graphql?query=${encodeURIComponent(query)}`, { headers }))
      : await t.app.handle(new Request('http://test/graphql', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: o.variables ?? {} }) }))
  return { status: res.status, body: await res.json(), headers: res.headers }
}

const ME = '{ me { email } }'

describe('browser session cookie', () => {
  it('signIn sets an httpOnly, SameSite=Lax cookie (Secure over https) and answers no bearer token', async () => {
    const { email } = await t.signUp('cookie1')
    const s = await signIn(email)
    expect(s.setCookie).toHaveLength(1)
    expect(s.setCookie[0]).toMatch(/^kubeorch_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/)
    expect(s.body.data.signIn.data).toEqual({ csrfToken: expect.stringMatching(/^[\w-]{43}$/), expiresAt: expect.any(String), user: { email } })
    expect(JSON.stringify(s.body)).not.toMatch(/"token"/)
    const row = await t.db.session.findFirstOrThrow({ where: { kind: 'BROWSER', user: { email } } })
    expect(row.secretHash).not.toContain(s.cookie.split('=')[1])
    const secure = await signIn(email, { url: 'https://test/graphql' })
    expect(secure.setCookie[0]).toMatch(/; Secure$/)
  })

  it('signUp (the web app\'s registration, name left empty = null) signs the new account in with the cookie', async () => {
    const res = await t.gqlResponse(
      `mutation($e: String!, $n: String) { signUp(email: $e, password: "${PASSWORD}", name: $n) { __typename ... on MutationSignUpSuccess { data { user { email name } } } } }`,
      { e: 'newcomer@example.test', n: null },
      { headers: { origin: WEB } },
    )
    tally.add('session probes')
    expect((await res.json()).data.signUp).toEqual({ __typename: 'MutationSignUpSuccess', data: { user: { email: 'newcomer@example.test', name: 'newcomer' } } })
    expect(res.headers.getSetCookie()[0]).toMatch(/^kubeorch_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/)
  })

  it('the cookie authenticates reads as they are, and writes only with the session\'s CSRF token', async () => {
    const { email } = await t.signUp('cookie2')
    const { cookie, csrf } = await signIn(email)
    expect((await asBrowser(ME, { cookie, method: 'GET' })).body.data).toEqual({ me: { email } })
    expect((await asBrowser(`{ browserSession { csrfToken user { email } } }`, { cookie, method: 'GET' })).body.data.browserSession).toEqual({ csrfToken: csrf, user: { email } })
    for (const sent of [undefined, 'forged', `${csrf.slice(0, -1)}A`]) {
      const refused = await asBrowser(`mutation { createCluster(input: { name: "via-cookie" }) { __typename } }`, { cookie, csrf: sent })
      expect(refused.status).toBe(403)
      expect(refused.body.errors[0]).toMatchObject({ message: /CSRF token in x-kubeorch-csrf/, extensions: { code: 'FORBIDDEN' } })
    }
    const rest = (method: string, path: string, headers: Record<string, string>) =>
      (tally.add('session probes'), t.rest(method, path, { headers: { cookie, origin: WEB, ...headers }, body: method === 'GET' ? undefined : { name: 'rest-cookie' } }))
    expect((await rest('POST', '/v1/api/clusters', {})).status).toBe(403)
    expect(await t.db.cluster.count({ where: { owner: { email } } })).toBe(0)
    expect((await rest('POST', '/v1/api/clusters', { 'x-kubeorch-csrf': csrf })).status).toBe(201)
    expect((await rest('GET', '/v1/api/clusters', {})).body.clusters).toHaveLength(1)
    const ok = await asBrowser(`mutation { createCluster(input: { name: "via-cookie" }) { __typename } }`, { cookie, csrf })
    expect(ok.body.data.createCluster.__typename).toBe('MutationCreateClusterSuccess')
  })

  it("another site's page cannot use the cookie or sign a browser in", async () => {
    const { email } = await t.signUp('cookie3')
    const { cookie, csrf } = await signIn(email)
    expect((await asBrowser(ME, { cookie, csrf, origin: EVIL })).status).toBe(403)
    const read = await asBrowser(ME, { cookie, origin: EVIL, method: 'GET' })
    expect(read.body.errors[0].message).toBe('authentication required')
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
    const foreign = await signIn(email, { origin: EVIL })
    expect(foreign.setCookie).toEqual([])
    expect(foreign.body.data.signIn).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN', message: `sign-in from ${EVIL} is not allowed` })
  })

  it('GraphQL over GET never runs a mutation, with the cookie or not', async () => {
    const { email } = await t.signUp('cookie4')
    const { cookie } = await signIn(email)
    const sessions = await t.db.session.count()
    const viaGet = await asBrowser('mutation { signOut }', { cookie, method: 'GET' })
    expect(viaGet.status).toBe(405)
    expect(await t.db.session.count()).toBe(sessions)
    expect((await asBrowser(ME, { cookie, method: 'GET' })).body.data).toEqual({ me: { email } })
  })

  it('signOut ends the session: the cookie is cleared and stops working, even if a copy was kept', async () => {
    const { email } = await t.signUp('cookie5')
    const { cookie, csrf } = await signIn(email)
    const out = await t.app.handle(new Request('http://test/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: WEB, 'x-kubeorch-csrf': csrf }, body: JSON.stringify({ query: 'mutation { signOut }' }),
    }))
    tally.add('session probes')
    expect(await out.json()).toEqual({ data: { signOut: true } })
    expect(out.headers.getSetCookie()).toEqual(['kubeorch_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0'])
    expect((await asBrowser(ME, { cookie, method: 'GET' })).body.errors[0].message).toBe('authentication required')
    expect((await asBrowser(ME, { cookie, csrf })).body.errors[0].message).toBe('authentication required')
  })
})

describe('sessions: listed, revocable, owner-scoped', () => {
  it('bearer logins are sessions too: listed with the browser one, revoked one by one, logout ends the caller', async () => {
    const { email, token: first } = await t.signUp('lister')
    const second = (await t.rest('POST', '/v1/api/auth/login', { body: { email, password: PASSWORD }, headers: { 'user-agent': 'deploy-script/1.0' } })).body.token as string
    const browser = await signIn(email)
    const listed = await t.rest('GET', '/v1/api/auth/sessions', { token: first })
    tally.add('session probes')
    expect(listed.body.sessions.map((s: { kind: string; current: boolean }) => [s.kind, s.current])).toEqual([['browser', false], ['bearer', false], ['bearer', true]])
    expect(listed.body.sessions[1]).toMatchObject({ user_agent: 'deploy-script/1.0', address: 'unknown' })
    const secondId = listed.body.sessions[1].id
    expect((await t.rest('DELETE', `/v1/api/auth/sessions/${secondId}`, { token: first })).status).toBe(204)
    expect((await t.rest('GET', '/v1/api/workflows', { token: second })).status).toBe(401)
    const g = await t.gql('{ sessions { id kind current } }', {}, first)
    expect(g.data.sessions.map((s: { kind: string }) => s.kind)).toEqual(['BROWSER', 'BEARER'])
    const browserId = g.data.sessions[0].id
    expect((await t.gql('mutation($id: ID!) { revokeSession(id: $id) { __typename } }', { id: browserId }, first)).data.revokeSession.__typename).toBe('MutationRevokeSessionSuccess')
    expect((await asBrowser(ME, { cookie: browser.cookie, method: 'GET' })).body.errors[0].message).toBe('authentication required')
    expect((await t.rest('POST', '/v1/api/auth/logout', { token: first })).status).toBe(204)
    expect((await t.rest('GET', '/v1/api/workflows', { token: first })).status).toBe(401)
    tally.add('session probes', 6)
  })

  it("another user neither sees nor revokes my sessions (REST 404, GraphQL NotFoundError); an API token cannot manage them", async () => {
    const alice = await t.signUp('alice-sessions')
    const bob = await t.signUp('bob-sessions')
    const aliceSession = (await t.rest('GET', '/v1/api/auth/sessions', { token: alice.token })).body.sessions[0].id
    const bobs = (await t.rest('GET', '/v1/api/auth/sessions', { token: bob.token })).body.sessions
    expect(bobs.map((s: { id: string }) => s.id)).not.toContain(aliceSession)
    expect((await t.rest('DELETE', `/v1/api/auth/sessions/${aliceSession}`, { token: bob.token })).status).toBe(404)
    const g = await t.gql('mutation($id: ID!) { revokeSession(id: $id) { __typename ... on Error { message } } }', { id: aliceSession }, bob.token)
    expect(g.data.revokeSession).toEqual({ __typename: 'NotFoundError', message: 'session not found' })
    const apiToken = (await t.rest('POST', '/v1/api/auth/tokens', { token: alice.token, body: { name: 'all', scopes: ['read', 'write', 'run'] } })).body.token
    expect((await t.rest('GET', '/v1/api/auth/sessions', { token: apiToken })).status).toBe(403)
    expect((await t.rest('DELETE', `/v1/api/auth/sessions/${aliceSession}`, { token: apiToken })).status).toBe(403)
    expect((await t.rest('GET', '/v1/api/workflows', { token: alice.token })).status).toBe(200)
    tally.add('session probes', 6)
  })
})

describe('sessions are bounded', () => {
  it('signing in again and again keeps the newest 50 sessions of a user; expired ones are never accepted', async () => {
    const { userId, token: oldest } = await t.signUp('many-sessions')
    const client = { address: '192.0.2.9', secure: false }
    const tokens: string[] = []
    for (let i = 0; i < 52; i++) tokens.push(await startBearerSession(t.deps, userId, client))
    tally.add('session probes', 52)
    expect(await t.db.session.count({ where: { userId } })).toBe(50)
    expect((await t.rest('GET', '/v1/api/workflows', { token: oldest })).status).toBe(401)
    expect((await t.rest('GET', '/v1/api/workflows', { token: tokens[51] })).status).toBe(200)
    await t.db.session.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await t.rest('GET', '/v1/api/workflows', { token: tokens[51] })).status).toBe(401)
  })
})

describe('HTTP surface', () => {
  it('CORS answers the web origin with credentials and its exact origin, never *; other origins get no CORS', async () => {
    const preflight = (origin: string) =>
      t.app.handle(new Request('http://test/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-kubeorch-csrf' } }))
    const ok = await preflight(WEB)
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(WEB)
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type, x-kubeorch-csrf')
    const evil = await preflight(EVIL)
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull()
    tally.add('session probes', 2)
  })

  it('every API answer says nosniff and may not be framed', async () => {
    for (const res of [
      await t.app.handle(new Request('http://test/healthz')),
      await t.app.handle(new Request('http://test/nowhere')),
      await t.gqlResponse('{ __typename }'),
      await t.app.handle(new Request('http://test/v1/api/workflows')),
    ]) {
      tally.add('session probes')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
    }
  })
})

describe('graphql-ws with the session cookie', () => {
  let server: Server
  let url: string
  let closeWs: () => Promise<void>
  beforeAll(async () => {
    server = createServer(t.app.adapter)
    closeWs = t.app.attachWebSockets(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
  })
  afterAll(async () => {
    await closeWs()
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  })

  /** The first answer to a subscription over a socket opened the way a browser on `origin` opens it. */
  async function firstAnswer(o: { cookie: string; origin: string; csrfToken?: string; workflowId: string }): Promise<string> {
    tally.add('session probes')
    const headers = { cookie: o.cookie, origin: o.origin }
    class BrowserSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers })
      }
    }
    const client = createClient({ url, webSocketImpl: BrowserSocket, connectionParams: o.csrfToken ? { csrfToken: o.csrfToken } : {}, retryAttempts: 0, lazy: true })
    try {
      return await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), 5000)
        client.subscribe(
          { query: 'subscription($id: ID!) { workflowEvents(workflowId: $id) { type } }', variables: { id: o.workflowId } },
          { next: (v) => (clearTimeout(timer), resolve(`next ${JSON.stringify(v)}`)), error: (e) => (clearTimeout(timer), resolve(`error ${JSON.stringify(e)}`)), complete: () => {} },
        )
      })
    } finally {
      await client.dispose()
    }
  }

  it('subscribes from the web origin with the CSRF token; refused from another origin or without the token', async () => {
    const user = await t.userWithWorkflow('ws-cookie')
    const { cookie, csrf } = await signIn(user.email)
    expect(await firstAnswer({ cookie, origin: WEB, csrfToken: csrf, workflowId: user.workflowId })).toMatch(/^next .*"type":"metadata"/)
    expect(await firstAnswer({ cookie, origin: EVIL, csrfToken: csrf, workflowId: user.workflowId })).toMatch(/cannot be used from https:\/\/evil.example/)
    expect(await firstAnswer({ cookie, origin: WEB, workflowId: user.workflowId })).toMatch(/CSRF token/)
  })
})
