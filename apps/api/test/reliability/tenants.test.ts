import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REST_ROUTES } from '../../src/rest/index.ts'
import type { Route } from '../../src/rest/router.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { dbSnapshot, snapshotDiff } from './support/db-snapshot.ts'
import { documentFor, introspect, sampleValue, type Operation, type Schema } from './support/graphql-operations.ts'
import { firstSseEvent, sendGql, succeeded } from './support/graphql-probe.ts'
import { send } from './support/http-probe.ts'
import { createOwnerFixture, fillPath, ownArg, ownParam, ROUTE_BODIES, type OwnerFixture } from './support/owner-fixture.ts'
import { createTally } from './support/tally.ts'

// SPEC §13: "another user gets 404, never the data". Two users with one of everything each; Bob
// tries every REST route of the route table and every GraphQL query, mutation and subscription of
// the introspected schema with Alice's ids (and with his own workflow around Alice's runs and
// triggers). Every probe: not found, nothing of Alice's in the answer, and no table changed.
// New routes and fields are probed without editing this file.

let t: TestApp
let alice: OwnerFixture
let bob: OwnerFixture
let schema: Schema
let server: Server
let baseUrl: string
let closeWs: () => Promise<void>
const tally = createTally('tenants', 'tenants')

beforeAll(async () => {
  t = await createTestApp()
  alice = await createOwnerFixture(t, 'alicesecret')
  bob = await createOwnerFixture(t, 'bobowner')
  schema = await introspect(t)
  server = createServer(t.app.adapter)
  closeWs = t.app.attachWebSockets(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 120_000)
afterAll(async () => {
  tally.report()
  await closeWs?.()
  server?.closeAllConnections()
  await new Promise<void>((r) => server?.close(() => r()))
  await t.close()
})

/**
 * Everything of Alice's that must never reach Bob: her marker (in every name) and every id —
 * except the ids Bob himself sent, which an error may quote back ("no cluster with id …").
 */
function expectNothingOfAlice(text: string, context: string, sent: unknown = '') {
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [])
  const rest = strings(sent).filter((x) => x.length > 3).reduce((acc, x) => acc.split(x).join('<sent>'), text)
  for (const secret of ['alicesecret', alice.workflowId, alice.clusterId, alice.runId, alice.versionId, alice.scheduleId, alice.webhookId, alice.apiTokenId, alice.sessionId, alice.userId, alice.webhookSecret])
    expect(rest.includes(secret), `${context} shows Alice's ${secret}: ${text.slice(0, 400)}`).toBe(false)
}

async function unchanged<T>(context: string, probe: () => Promise<T>): Promise<T> {
  await t.deps.background.drain()
  const before = await dbSnapshot(t.db)
  const result = await probe()
  await t.deps.background.drain()
  const after = await dbSnapshot(t.db)
  if (after !== before) expect.fail(`${context} changed the database:\n${snapshotDiff(before, after)}`)
  return result
}

// ---- REST, from the route table -------------------------------------------------------------

const needsAuth = REST_ROUTES.filter((r) => !r.public)
const withParams = needsAuth.filter((r) => r.path.includes(':'))
// Logout acts on the caller's own session only (nothing of Alice's to reach) and would end Bob's.
const withoutParams = needsAuth.filter((r) => !r.path.includes(':') && r.path !== '/auth/logout')
/** Child ids that are Alice's even under Bob's own workflow (version numbers and node ids are not). */
const CHILD_IDS = ['runId', 'triggerId']

/** Query strings a route needs to get past its own input checks to the ownership check. */
const ROUTE_QUERIES: Record<string, string> = { 'GET /workflows/:id/versions/compare': '?v1=1&v2=1' }

type RestProbe = { route: Route; path: string; label: string }
function restProbes(): RestProbe[] {
  const probes: RestProbe[] = []
  for (const route of withParams) {
    probes.push({ route, path: fillPath(route.path, (k) => encodeURIComponent(ownParam(route.path, k, alice))), label: "Alice's ids" })
    if (route.path.startsWith('/clusters/:id'))
      probes.push({ route, path: fillPath(route.path, () => alice.clusterName), label: "Alice's cluster name" })
    if (route.path.startsWith('/workflows/:id') && CHILD_IDS.some((k) => route.path.includes(`:${k}`)))
      probes.push({ route, path: fillPath(route.path, (k) => encodeURIComponent(CHILD_IDS.includes(k) ? ownParam(route.path, k, alice) : ownParam(route.path, k, bob))), label: "Bob's workflow, Alice's child id" })
  }
  return probes
}

describe("REST: every route with the other user's ids is not found and changes nothing", () => {
  it('covers every authenticated route with a path parameter', () => {
    const probed = new Set(restProbes().map((p) => `${p.route.method} ${p.route.path}`))
    for (const r of withParams) expect(probed.has(`${r.method} ${r.path}`)).toBe(true)
    expect(withParams.length).toBeGreaterThan(20)
  })

  it('every probe answers 404 (the terminal route 426 for anyone), shows nothing of Alice and changes nothing', async () => {
    for (const p of restProbes()) {
      const body = ROUTE_BODIES[`${p.route.method} ${p.route.path}`]?.body ?? {}
      const context = `${p.route.method} ${p.path} (${p.label})`
      const query = ROUTE_QUERIES[`${p.route.method} ${p.route.path}`] ?? ''
      const a = await unchanged(context, () => send(t, p.route.method, `/v1/api${p.path}${query}`, { token: bob.token, body }))
      tally.add('rest probes')
      // The terminal route over plain HTTP only says "use a WebSocket", for every caller and id;
      // the WebSocket itself is probed below.
      const expected = p.route.path.endsWith('/terminal') ? 426 : 404
      expect(a.status, `${context}: ${JSON.stringify(a.body)}`).toBe(expected)
      expectNothingOfAlice(JSON.stringify(a.body ?? ''), context)
    }
  }, 120_000)

  it("routes without ids (lists, creates) never show or take Alice's things", async () => {
    for (const route of withoutParams) {
      const key = `${route.method} ${route.path}`
      const body = route.method === 'GET' ? undefined : { ...ROUTE_BODIES[key]?.body, cluster_id: alice.clusterId }
      const a = await send(t, route.method, `/v1/api${route.path}`, { token: bob.token, body })
      tally.add('rest probes')
      expect(a.status, key).toBeLessThan(500)
      expectNothingOfAlice(JSON.stringify(a.body ?? ''), key, body)
    }
    for (const ref of [alice.clusterId, alice.clusterName]) {
      const a = await unchanged(`create on Alice's cluster ${ref}`, () => send(t, 'POST', '/v1/api/workflows', { token: bob.token, body: { name: 'stolen', cluster_id: ref } }))
      expect(a.status).toBe(400)
      expect(a.body.error).toMatch(/no cluster with id or name/)
      expectNothingOfAlice(JSON.stringify(a.body), 'create', ref)
      const moved = await unchanged(`move to Alice's cluster ${ref}`, () => send(t, 'PUT', `/v1/api/workflows/${bob.workflowId}`, { token: bob.token, body: { cluster_id: ref } }))
      expect(moved.status).toBe(400)
      tally.add('rest probes', 2)
    }
  })

  it("Alice's API token is not Bob's to revoke; Alice's session still works after every probe", async () => {
    expect((await t.rest('GET', `/v1/api/workflows/${alice.workflowId}`, { token: alice.token })).status).toBe(200)
    expect((await t.rest('GET', `/v1/api/workflows/${alice.workflowId}`, { token: alice.apiToken })).status).toBe(200)
    expect((await t.rest('GET', `/v1/api/workflows/${alice.workflowId}/runs/${alice.runId}`, { token: alice.token })).status).toBe(200)
  })
})

// ---- GraphQL, from the introspected schema --------------------------------------------------

type GqlProbe = { op: Operation; variables: Record<string, unknown>; label: string }
function gqlProbes(): GqlProbe[] {
  const probes: GqlProbe[] = []
  for (const op of schema.operations) {
    const idArgs = op.args.filter((a) => ownArg(op.name, a.name, alice) !== undefined || a.name === 'clusterId')
    if (idArgs.length === 0) continue
    const base = Object.fromEntries(op.args.map((a) => [a.name, sampleValue(schema, a.type, a.name)]))
    const alices = (argName: string): unknown[] => {
      if (argName === 'clusterId') return [alice.clusterId, alice.clusterName]
      if (argName === 'id' && /cluster/i.test(op.name)) return [alice.clusterId, alice.clusterName]
      if (argName === 'id' && /token/i.test(op.name)) return [alice.apiTokenId]
      if (argName === 'id' && /session/i.test(op.name)) return [alice.sessionId]
      if (argName === 'id') return [alice.workflowId]
      return [ownArg(op.name, argName, alice)]
    }
    // Every id argument Alice's; for an `id`/`clusterId`, each of her ids that could fit.
    const [first, ...rest] = idArgs
    for (const value of alices(first!.name)) {
      const variables = { ...base, ...Object.fromEntries(rest.map((a) => [a.name, alices(a.name)[0]])), [first!.name]: value }
      probes.push({ op, variables, label: `Alice's ids (${first!.name}=${String(value).slice(0, 12)})` })
    }
    // Bob's own workflow around Alice's run or trigger.
    if (op.args.some((a) => a.name === 'workflowId') && op.args.some((a) => a.name === 'runId' || a.name === 'triggerId')) {
      const variables = { ...base, workflowId: bob.workflowId, ...Object.fromEntries(op.args.filter((a) => a.name === 'runId' || a.name === 'triggerId').map((a) => [a.name, ownArg(op.name, a.name, alice)])) }
      probes.push({ op, variables, label: "Bob's workflow, Alice's child id" })
    }
  }
  return probes
}

describe("GraphQL: every query, mutation and subscription with the other user's ids is not found and changes nothing", () => {
  it('every root field that takes an id is probed', () => {
    const probed = new Set(gqlProbes().map((p) => p.op.name))
    const expected = schema.operations.filter((op) => op.args.some((a) => /(^id$|Id$|^version$|^v[12]$)/.test(a.name))).map((op) => op.name)
    for (const name of expected) expect(probed.has(name), name).toBe(true)
    expect(expected.length).toBeGreaterThan(25)
  })

  it('queries and mutations: an error (not found), nothing of Alice, nothing changed', async () => {
    for (const p of gqlProbes().filter((x) => x.op.kind !== 'subscription')) {
      const context = `${p.op.kind} ${p.op.name} (${p.label})`
      const a = await unchanged(context, () => sendGql(t, { query: documentFor(schema, p.op), variables: p.variables }, { token: bob.token }))
      tally.add('graphql probes')
      expect(a.status, context).toBeLessThan(500)
      expect(succeeded(a, p.op.name, schema.errorTypes), `${context} succeeded: ${JSON.stringify(a.body)}`).toBe(false)
      const messages = [...(a.body.errors ?? []).map((e: { message: string }) => e.message), a.body.data?.[p.op.name]?.message].filter(Boolean).join(' | ')
      expect(messages, `${context}: ${JSON.stringify(a.body)}`).toMatch(/not found|no cluster with id or name/i)
      expectNothingOfAlice(JSON.stringify(a.body), context, p.variables)
    }
  }, 120_000)

  it('subscriptions over SSE: an error event, never Alice\'s events', async () => {
    const subs = gqlProbes().filter((x) => x.op.kind === 'subscription')
    expect(subs.map((s) => s.op.name)).toEqual(expect.arrayContaining(['workflowEvents']))
    for (const p of subs) {
      const context = `subscription ${p.op.name} (${p.label})`
      const selection = p.op.name === 'workflowEvents' ? '{ type payload }' : '{ __typename }'
      const args = p.op.args.map((a) => `${a.name}: $${a.name}`).join(', ')
      const vars = p.op.args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ')
      const res = await unchanged(context, () => firstSseEvent(t, `subscription(${vars}) { ${p.op.name}(${args}) ${selection} }`, p.variables, bob.token))
      tally.add('graphql probes')
      expect(res.status, context).toBeLessThan(500)
      expect(res.text, context).toMatch(/not found/i)
      expect(res.text, context).not.toMatch(/"data":\{"/)
      expectNothingOfAlice(res.text, context, p.variables)
    }
  })

  it('a subscription without a token is refused as unauthenticated, not an internal error (authorizeOnSubscribe)', async () => {
    const res = await firstSseEvent(t, 'subscription($id: ID!) { workflowEvents(workflowId: $id) { type } }', { id: alice.workflowId }, '')
    tally.add('graphql probes')
    expect(res.text).toMatch(/authentication required/)
    expect(res.text).not.toMatch(/Unexpected error/)
  })
})

const typeString = (ref: { kind: string; name: string | null; ofType: unknown }): string =>
  ref.kind === 'NON_NULL' ? `${typeString(ref.ofType as typeof ref)}!` : ref.kind === 'LIST' ? `[${typeString(ref.ofType as typeof ref)}]` : ref.name!

// ---- WebSockets: graphql-ws and the terminal ------------------------------------------------

describe("WebSockets with the other user's ids", () => {
  it("graphql-ws: Bob's subscription to Alice's workflow ends with not found; no token is refused", async () => {
    for (const [token, expected] of [[bob.token, /not found/i], ['', /authentication required/i]] as const) {
      const client = createClient({ url: `${baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: token ? `Bearer ${token}` : '' }, retryAttempts: 0, lazy: true })
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), 5000)
        const events: unknown[] = []
        client.subscribe(
          { query: 'subscription($id: ID!) { workflowEvents(workflowId: $id) { type payload } }', variables: { id: alice.workflowId } },
          {
            next: (v) => events.push(v),
            error: (e) => (clearTimeout(timer), resolve(`error ${JSON.stringify(e)}`)),
            complete: () => (clearTimeout(timer), resolve(`complete ${JSON.stringify(events)}`)),
          },
        )
      })
      await client.dispose()
      tally.add('websocket probes')
      expect(outcome).toMatch(expected)
      expect(outcome).not.toMatch(/"type":"metadata"/)
      expectNothingOfAlice(outcome, 'graphql-ws', alice.workflowId)
    }
  })

  it("terminal: Bob cannot open a shell in Alice's workflow (4404), with or without a pod name; no token is 4401", async () => {
    const cases: [string, string, number][] = [
      [bob.token, '', 4404],
      [bob.token, '?pod=web-0&container=web', 4404],
      ['', '', 4401],
    ]
    for (const [token, query, code] of cases) {
      const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/api/workflows/${alice.workflowId}/nodes/web/terminal${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      const messages: string[] = []
      ws.on('message', (d) => messages.push(d.toString()))
      const closed = await new Promise<{ code: number }>((resolve) => {
        const timer = setTimeout(() => (ws.terminate(), resolve({ code: -1 })), 5000)
        ws.on('close', (c) => (clearTimeout(timer), resolve({ code: c })))
        ws.on('error', () => {})
      })
      tally.add('websocket probes')
      expect(closed.code, `${query} ${messages.join()}`).toBe(code)
      expect(messages.join()).not.toMatch(/"type":"(ready|stdout)"/)
      expectNothingOfAlice(messages.join(), 'terminal', alice.workflowId)
    }
  })
})
