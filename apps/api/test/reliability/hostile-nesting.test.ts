import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REST_ROUTES } from '../../src/rest/index.ts'
import { signWebhook } from '../../src/services/triggers/webhook-signature.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { dbSnapshot, snapshotDiff } from './support/db-snapshot.ts'
import { send } from './support/http-probe.ts'
import { sendGql } from './support/graphql-probe.ts'
import { introspect, typeString, type Schema } from './support/graphql-operations.ts'
import { createOwnerFixture, fillPath, ownParam, ROUTE_BODIES, type OwnerFixture } from './support/owner-fixture.ts'
import { createTally } from './support/tally.ts'

// JSON nested thousands of levels deep (run trigger_data, webhook bodies, GraphQL literals and
// variables) answered 500 "Maximum call stack size exceeded" from whichever recursive code met it
// first. Every way in now refuses it before parsing: a 400 naming where and the limit, nothing
// changed. Node ids that are no label value (spaces, slashes, NUL) were saved and could never be
// deployed: a 400 naming the node. Routes and operations come from the route table and the
// schema, so new ones are covered without editing this file.

const RUNS = { rest: 150, graphql: 100, ids: 200 }
const LIMIT = 64

let t: TestApp
let owner: OwnerFixture
let schema: Schema
const tally = createTally('hostile-nesting', 'fuzz')

beforeAll(async () => {
  t = await createTestApp()
  owner = await createOwnerFixture(t, 'deepowner')
  schema = await introspect(t)
})
afterAll(async () => {
  tally.report()
  await t.close()
})

/** JSON text nested `levels` deep, written as text (JSON.stringify itself overflows on such values). */
const deepText = (levels: number, shape: 'objects' | 'arrays' | 'mixed') => {
  const open = shape === 'objects' ? '{"a":' : shape === 'arrays' ? '[' : '{"a":['
  const close = shape === 'objects' ? '}' : shape === 'arrays' ? ']' : ']}'
  const per = shape === 'mixed' ? 2 : 1
  const n = Math.ceil(levels / per)
  return open.repeat(n) + '1' + close.repeat(n)
}
const depth = fc.oneof(fc.constantFrom(LIMIT + 1, 3_000, 5_000, 100_000), fc.integer({ min: LIMIT + 1, max: 20_000 }))
const shape = fc.constantFrom<'objects' | 'arrays' | 'mixed'>('objects', 'arrays', 'mixed')

async function unchanged(label: string, before: string) {
  await t.deps.background.drain()
  const after = await dbSnapshot(t.db)
  if (after !== before) expect.fail(`${label} changed the database:\n${snapshotDiff(before, after)}`)
}

const writeRoutes = REST_ROUTES.filter((r) => r.method !== 'GET' && !r.path.startsWith('/hooks/'))

describe('JSON nested past the limit, on every way in', () => {
  it(`every REST write route, anonymous ones included: a 400 naming the field and the limit (${RUNS.rest} cases)`, async () => {
    const cases = fc.constantFrom(...writeRoutes).chain((r) => {
      const fields = Object.keys(ROUTE_BODIES[`${r.method} ${r.path}`]?.fields ?? {})
      // The deep value replaces the whole body, or sits under one of the route's fields (or trigger_data).
      const under = fc.constantFrom<string | null>(null, ...fields, 'trigger_data')
      return fc.tuple(fc.constant(r), under, depth, shape)
    })
    await fc.assert(
      fc.asyncProperty(cases, async ([r, field, levels, form]) => {
        tally.add('rest bodies nested too deep')
        const known = ROUTE_BODIES[`${r.method} ${r.path}`]?.body ?? {}
        const raw = field === null ? deepText(levels, form) : JSON.stringify({ ...known, [field]: 0 }).replace(`"${field}":0`, `"${field}":${deepText(levels, form)}`)
        const path = fillPath(r.path, (k) => encodeURIComponent(ownParam(r.path, k, owner)))
        const label = `${r.method} ${path} ${field ?? '(body)'} ${levels} ${form}`
        const before = await dbSnapshot(t.db)
        const a = await send(t, r.method, `/v1/api${path}`, { token: owner.token, raw })
        expect(a.status, `${label} → ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`).toBe(400)
        expect(a.body.error, label).toMatch(new RegExp(`nests deeper than ${LIMIT} levels`))
        // The field is the path to where it went too deep (its first segments), from the body's root.
        expect(a.body.details.issues[0].field, label).toMatch(field === null ? /^(a|0)(\.(a|0))+$/ : new RegExp(`^${field}(\\.|$)`))
        await unchanged(label, before)
      }),
      { numRuns: RUNS.rest },
    )
  }, 240_000)

  it('a body nested exactly to the limit is not refused for its depth', async () => {
    const raw = JSON.stringify({ name: 'x' }).replace('"x"', deepText(LIMIT - 1, 'arrays')) // 1 + 63 levels
    const a = await send(t, 'POST', '/v1/api/clusters', { token: owner.token, raw })
    tally.add('rest bodies nested too deep')
    expect(JSON.stringify(a.body)).not.toMatch(/nests deeper/)
    expect(a.status).toBeLessThan(500)
  })

  it('a signed webhook delivery nested past the limit: 400 naming the body, no run, no delivery recorded', async () => {
    // Depths whose text stays under the 64 KiB webhook limit, so depth is what is refused.
    for (const [levels, form] of [[LIMIT + 1, 'objects'], [5_000, 'arrays'], [16_000, 'mixed']] as const) {
      const closedBody = deepText(levels, form)
      const before = await dbSnapshot(t.db)
      const ts = Math.floor(Date.now() / 1000)
      const a = await send(t, 'POST', owner.webhookUrl, { raw: closedBody, headers: { 'x-kubeorch-timestamp': String(ts), 'x-kubeorch-signature': signWebhook(owner.webhookSecret, ts, closedBody) } })
      tally.add('webhook bodies nested too deep')
      expect(a.status, JSON.stringify(a.body)).toBe(400)
      expect(a.body.error).toMatch(new RegExp(`^body[^:]*: nests deeper than ${LIMIT} levels`))
      await unchanged(`webhook ${levels}`, before)
    }
  })

  it(`every JSON argument of every GraphQL operation, as a variable and as a literal: a 400 naming it (${RUNS.graphql} cases)`, async () => {
    const named = (ref: { kind: string; name: string | null; ofType: any }): string | null => (ref.ofType ? named(ref.ofType) : ref.name)
    const jsonArgs = schema.operations
      .filter((op) => op.kind !== 'subscription')
      .flatMap((op) => op.args.filter((a) => named(a.type) === 'JSON').map((arg) => ({ op, arg })))
    expect(jsonArgs.length).toBeGreaterThan(0)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...jsonArgs), depth, fc.constantFrom('arrays', 'mixed' as const), fc.boolean(), async ({ op, arg }, levels, form, literal) => {
        tally.add('graphql values nested too deep')
        const deep = deepText(levels, form)
        const others = op.args.filter((a) => a !== arg)
        const vars = others.map((a) => `$${a.name}: ${typeString(a.type)}`)
        const args = op.args.map((a) => (a === arg && literal ? `${a.name}: ${deep.replaceAll('"a"', 'a')}` : `${a.name}: $${a.name}`))
        if (!literal) vars.push(`$${arg.name}: ${typeString(arg.type)}`)
        const query = `${op.kind}${vars.length ? `(${vars.join(', ')})` : ''} { ${op.name}(${args.join(', ')}) { __typename } }`
        const variables = Object.fromEntries(others.map((a) => [a.name, a.name === 'id' || a.name === 'workflowId' ? owner.workflowId : 1]))
        const raw = `{"query":${JSON.stringify(query)},"variables":${JSON.stringify(variables).replace(/}$/, literal ? '}' : `${others.length ? ',' : ''}"${arg.name}":${deep}}`)}}`
        const label = `${op.name}(${arg.name}) ${literal ? 'literal' : 'variable'} ${levels} ${form}`
        const before = await dbSnapshot(t.db)
        const a = await sendGql(t, undefined, { token: owner.token, raw })
        expect(a.status, `${label} → ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`).toBe(literal && query.length > 64 * 1024 ? 413 : 400)
        const message = a.body.errors?.[0]?.message as string
        if (a.status === 400) expect(message, label).toMatch(literal ? /nests deeper than 64 levels/ : new RegExp(`^variables\\.${arg.name}(\\.[a0-9]+)*: nests deeper than 64 levels`))
        await unchanged(label, before)
      }),
      { numRuns: RUNS.graphql },
    )
  }, 240_000)
})

describe('node ids that cannot be label values', () => {
  const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/
  const id = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', '9', '-', '_', '.', ' ', '/', '\u0000', ':', 'é', '\n'), minLength: 1, maxLength: 70 }),
    fc.constantFrom('a b', 'a/b', '../etc', 'web\u0000', 'x'.repeat(64), '-web', 'web_', 'Web.1'),
  )
  it(`a save is accepted exactly when every node id is a label value; else a 400 naming the node (${RUNS.ids} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(id, fc.boolean(), async (nodeId, graphql) => {
        tally.add('hostile node ids')
        const nodes = [{ id: nodeId, type: 'configmap', position: { x: 0, y: 0 }, data: { name: 'settings', data: { a: '1' } } }]
        const before = await dbSnapshot(t.db)
        let accepted: boolean
        let issue: { field: string; node_id?: string; message: string } | undefined
        if (graphql) {
          const r = await t.gql('mutation($id: ID!, $n: JSON!) { saveWorkflow(id: $id, nodes: $n, edges: []) { __typename ... on ValidationError { issues { path nodeId message } } } }', { id: owner.workflowId, n: nodes }, owner.token)
          const v = r.data?.saveWorkflow
          accepted = v?.__typename === 'MutationSaveWorkflowSuccess'
          const first = v?.issues?.[0]
          issue = first && { field: first.path.join('.'), node_id: first.nodeId, message: first.message }
        } else {
          const a = await send(t, 'POST', `/v1/api/workflows/${owner.workflowId}/save`, { token: owner.token, body: { nodes, edges: [] } })
          accepted = a.status === 200
          issue = a.body?.details?.issues?.[0]
        }
        const label = `${graphql ? 'GraphQL' : 'REST'} id ${JSON.stringify(nodeId)}`
        expect(accepted, `${label}: ${JSON.stringify(issue)}`).toBe(LABEL_VALUE.test(nodeId))
        if (!accepted) {
          expect(issue, label).toMatchObject({ field: 'nodes.0.id', node_id: nodeId })
          expect(issue!.message, label).toMatch(/label value/)
          expect(await dbSnapshot(t.db), label).toBe(before)
        }
      }),
      { numRuns: RUNS.ids },
    )
  }, 180_000)
})
