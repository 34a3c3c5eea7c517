import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema as builtSchema } from '../../src/graphql/schema/index.ts'
import { REST_ROUTES } from '../../src/rest/index.ts'
import { requirementOf } from '../../src/rest/router.ts'
import type { Requirement, Scope } from '../../src/services/index.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { dbSnapshot, snapshotDiff } from './support/db-snapshot.ts'
import { documentFor, introspect, sampleValue, type Schema } from './support/graphql-operations.ts'
import { firstSseEvent, sendGql } from './support/graphql-probe.ts'
import { send } from './support/http-probe.ts'
import { createOwnerFixture, fillPath, ownArg, ownParam, ROUTE_BODIES, type OwnerFixture } from './support/owner-fixture.ts'
import { createTally } from './support/tally.ts'

// Issue 13 §5: API tokens carry scopes — read, write, run — enforced on every REST route and
// every GraphQL field. Probes are generated from the route table and the schema: each token is
// sent to every operation its scopes do not allow and must be refused (403 / FORBIDDEN) with
// nothing changed. New routes and fields are probed without editing this file.

let t: TestApp
let owner: OwnerFixture
let schema: Schema
const tokens = {} as Record<'read' | 'write' | 'run', string>
const tally = createTally('auth-scopes', 'auth')

beforeAll(async () => {
  t = await createTestApp()
  owner = await createOwnerFixture(t, 'scopeowner')
  for (const scope of ['read', 'write', 'run'] as const)
    tokens[scope] = (await t.rest('POST', '/v1/api/auth/tokens', { token: owner.token, body: { name: scope, scopes: [scope] } })).body.token
  schema = await introspect(t)
}, 120_000)
afterAll(async () => {
  tally.report()
  await t.close()
})

/** Every table but the tokens' own last-use stamps (authenticating with a token updates it). */
const state = async () => (await dbSnapshot(t.db)).split('\n').filter((l) => !l.startsWith('ApiToken:')).join('\n')

async function unchanged<T>(context: string, probe: () => Promise<T>): Promise<T> {
  await t.deps.background.drain()
  const before = await state()
  const result = await probe()
  await t.deps.background.drain()
  const after = await state()
  if (after !== before) expect.fail(`${context} changed the database:\n${snapshotDiff(before, after)}`)
  return result
}

/** The tokens that must be refused for an operation needing `need`. */
const refusedFor = (need: Requirement) => (['read', 'write', 'run'] as const).filter((s) => need !== 'public' && need !== s)
/** The refusal's message (quotes may arrive JSON-escaped, in an SSE frame). */
const denial = (need: Requirement) => (need === 'session' ? /API tokens cannot manage/ : new RegExp(`does not have the \\\\?"${need}\\\\?" scope`))

describe('REST: every route refuses a token without its scope', () => {
  const routes = REST_ROUTES.filter((r) => !r.public)
  it('the route table says what each route needs: run for runs and terminals, a session for credentials', () => {
    const needs = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, requirementOf(r)]))
    expect(Object.entries(needs).filter(([, n]) => n === 'run').map(([k]) => k).sort()).toEqual([
      'GET /workflows/:id/nodes/:nodeId/terminal',
      'POST /workflows/:id/nodes/:nodeId/terminal/ticket',
      'POST /workflows/:id/run',
      'POST /workflows/:id/runs/:runId/cancel',
    ])
    expect(Object.entries(needs).filter(([, n]) => n === 'session').map(([k]) => k).sort()).toEqual([
      'DELETE /auth/sessions/:id', 'DELETE /auth/tokens/:id', 'GET /auth/sessions', 'GET /auth/tokens', 'POST /auth/logout', 'POST /auth/tokens',
    ])
    for (const r of routes) if (r.method === 'GET' && needs[`${r.method} ${r.path}`] === 'write') expect.fail(`${r.path}: a GET needing write`)
  })

  it('403 naming the missing scope, nothing changed', async () => {
    for (const route of routes) {
      const need = requirementOf(route)
      const path = `/v1/api${fillPath(route.path, (k) => encodeURIComponent(ownParam(route.path, k, owner)))}`
      const query = route.path.endsWith('/compare') ? '?v1=1&v2=1' : ''
      for (const scope of refusedFor(need)) {
        const context = `${route.method} ${route.path} with a ${scope} token`
        const a = await unchanged(context, () => send(t, route.method, path + query, { token: tokens[scope], body: ROUTE_BODIES[`${route.method} ${route.path}`]?.body ?? {} }))
        tally.add('rest scope probes')
        expect(a.status, `${context}: ${JSON.stringify(a.body)}`).toBe(403)
        expect(a.body.error, context).toMatch(denial(need))
      }
    }
  }, 120_000)

  it('each scope does its own job: read lists, write saves, run starts a run', async () => {
    expect((await t.rest('GET', `/v1/api/workflows/${owner.workflowId}`, { token: tokens.read })).status).toBe(200)
    const saved = await t.rest('POST', `/v1/api/workflows/${owner.workflowId}/save`, { token: tokens.write, body: { nodes: [], edges: [] } })
    expect(saved.status).toBe(200)
    await t.rest('PUT', `/v1/api/workflows/${owner.workflowId}/status`, { token: tokens.write, body: { status: 'published' } })
    expect((await t.rest('POST', `/v1/api/workflows/${owner.workflowId}/run`, { token: tokens.run, body: {} })).status).toBe(202)
    await t.deps.background.drain()
    // A fix applied with run: true needs both: a write token is refused before anything is saved.
    const fix = await unchanged('fix with run', () => t.rest('POST', `/v1/api/workflows/${owner.workflowId}/nodes/web/diagnostics/fixes/x/apply`, { token: tokens.write, body: { run: true } }))
    expect(fix.status).toBe(403)
    expect(fix.body.error).toMatch(/"run" scope/)
    tally.add('rest scope probes', 5)
  })
})

describe('GraphQL: every root field refuses a token without its scope', () => {
  const requirementOfField = (kind: 'query' | 'mutation' | 'subscription', name: string): Requirement => {
    const root = kind === 'query' ? builtSchema.getQueryType() : kind === 'mutation' ? builtSchema.getMutationType() : builtSchema.getSubscriptionType()
    return (root!.getFields()[name]!.extensions as { requires?: Requirement }).requires ?? (kind === 'mutation' ? 'write' : 'read')
  }

  it('FORBIDDEN before anything runs, naming the scope; nothing changed', async () => {
    for (const op of schema.operations) {
      const need = requirementOfField(op.kind, op.name)
      const variables = Object.fromEntries(op.args.map((a) => [a.name, ownArg(op.name, a.name, owner) ?? sampleValue(schema, a.type, a.name)]))
      for (const scope of refusedFor(need)) {
        const context = `${op.kind} ${op.name} with a ${scope} token`
        tally.add('graphql scope probes')
        if (op.kind === 'subscription') {
          const res = await firstSseEvent(t, documentFor(schema, op), variables, tokens[scope])
          expect(res.text, context).toMatch(denial(need))
          continue
        }
        const a = await unchanged(context, () => sendGql(t, { query: documentFor(schema, op), variables }, { token: tokens[scope] }))
        expect(a.body.data ?? null, context).toBeNull()
        expect(a.body.errors?.[0], `${context}: ${JSON.stringify(a.body)}`).toMatchObject({ message: expect.stringMatching(denial(need)), extensions: { code: 'FORBIDDEN' } })
      }
    }
  }, 120_000)

  it('fragments on the root type are looked through; a read token still reads', async () => {
    const viaFragment = await sendGql(t, { query: 'mutation { ...M } fragment M on Mutation { createCluster(input: { name: "frag" }) { __typename } }' }, { token: tokens.read })
    expect(viaFragment.body.errors[0].extensions.code).toBe('FORBIDDEN')
    const inline = await sendGql(t, { query: 'mutation { ... on Mutation { runWorkflow(workflowId: "x") { __typename } } }' }, { token: tokens.write })
    expect(inline.body.errors[0].message).toMatch(/"run" scope/)
    const read = await sendGql(t, { query: '{ ...Q } fragment Q on Query { me { id } }' }, { token: tokens.read })
    expect(read.body).toEqual({ data: { me: { id: owner.userId } } })
    const fix = await sendGql(t, { query: `mutation($w: ID!) { applyNodeFix(workflowId: $w, nodeId: "web", fixId: "x", run: true) { __typename ... on Error { message } } }`, variables: { w: owner.workflowId } }, { token: tokens.write })
    expect(fix.body.data.applyNodeFix).toEqual({ __typename: 'ForbiddenError', message: 'this API token does not have the "run" scope' })
    tally.add('graphql scope probes', 4)
  })
})

describe('token scopes as created and stored', () => {
  it('default read only; unknown scopes are a 400 naming the field; GraphQL takes the enum; old tokens keep every scope', async () => {
    const plain = await t.rest('POST', '/v1/api/auth/tokens', { token: owner.token, body: { name: 'plain' } })
    expect(plain.body.scopes).toEqual(['read'])
    const bad = await t.rest('POST', '/v1/api/auth/tokens', { token: owner.token, body: { name: 'bad', scopes: ['admin'] } })
    expect(bad.status).toBe(400)
    expect(bad.body.details.issues[0].field).toBe('scopes.0')
    const none = await t.rest('POST', '/v1/api/auth/tokens', { token: owner.token, body: { name: 'none', scopes: [] } })
    expect(none.body.details.issues[0]).toMatchObject({ field: 'scopes', message: 'name at least one scope: read, write, run' })
    const g = await t.gql('mutation { createApiToken(name: "g", scopes: [RUN, READ, RUN]) { ... on MutationCreateApiTokenSuccess { data { apiToken { scopes } } } } }', {}, owner.token)
    expect(g.data.createApiToken.data.apiToken.scopes).toEqual(['READ', 'RUN'])
    const listed = await t.gql('{ apiTokens { name scopes } }', {}, owner.token)
    expect(listed.data.apiTokens.find((x: { name: string }) => x.name === 'g').scopes).toEqual(['READ', 'RUN'])
    // A row made before scopes existed (the column's default) can do everything it could.
    await t.db.$executeRaw`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix") VALUES (gen_random_uuid(), ${owner.userId}::uuid, 'old', encode(sha256('ko_oldtoken'::bytea), 'hex'), 'ko_oldto')`
    expect((await t.rest('POST', `/v1/api/workflows/${owner.workflowId}/run`, { token: 'ko_oldtoken', body: {} })).status).toBeLessThan(403)
    await t.deps.background.drain()
    tally.add('token probes', 7)
  })
})
