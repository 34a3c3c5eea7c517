import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REST_ROUTES } from '../../src/rest/index.ts'
import type { Route } from '../../src/rest/router.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { dbSnapshot, snapshotDiff } from './support/db-snapshot.ts'
import { expectCleanAnswer, send } from './support/http-probe.ts'
import { createOwnerFixture, fillPath, ownParam, ROUTE_BODIES, type FieldType, type OwnerFixture } from './support/owner-fixture.ts'
import { keepOnLoopback, materialize, TOO_LONG, TOO_MANY } from './support/fuzz-values.ts'
import { createTally } from './support/tally.ts'

// Bad input against every REST route (SPEC §13: "every input is validated; bad input gets a clear
// error naming the field, and changes nothing"). Routes come from the route table, so a new route
// is fuzzed without editing this file. Every case: no 5xx, a JSON `{ error }`, and a refused
// request leaves every table as it was.

const RUNS = { bodies: 400, raw: 200, field: 300, query: 200 }
const MAX_BODY = 256 * 1024

let t: TestApp
let owner: OwnerFixture
const tally = createTally('fuzz-rest', 'fuzz')

beforeAll(async () => {
  t = await createTestApp({ maxBodyBytes: MAX_BODY })
  owner = await createOwnerFixture(t, 'fuzzowner')
})
afterAll(async () => {
  tally.report()
  await t.close()
})

// Logout would end the fuzzer's own session (it takes no input; test/sessions.test.ts covers it).
const routes = REST_ROUTES.filter((r) => !r.path.startsWith('/hooks/') && r.path !== '/auth/logout')
const writeRoutes = routes.filter((r) => r.method !== 'GET')
const key = (r: Route) => `${r.method} ${r.path}`

/** A path segment a client could send: random text (encoded), or the raw junk a router must survive. */
const junkSegment = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%2F..%2F', '%00', '..', 'null', '0', '-1', '1e309', '99999999999999999999999', "'%20OR%201=1--", 'x'.repeat(2000)),
  fc.uuid(),
)

/** Own ids (to reach the body and state checks) or junk; never own ids for DELETE, so fixtures survive. */
const pathFor = (r: Route) =>
  fc
    .array(fc.oneof({ weight: r.method === 'DELETE' ? 0 : 3, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: junkSegment }), {
      minLength: 8,
      maxLength: 8,
    })
    .map((choices) => {
      let i = 0
      return fillPath(r.path, (k) => choices[i++] ?? encodeURIComponent(ownParam(r.path, k, owner)))
    })

function wrongValue(type: FieldType): fc.Arbitrary<unknown> {
  const tooLong = fc.constant(TOO_LONG)
  const obj = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
  switch (type) {
    case 'string':
      return fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), obj, tooLong)
    case 'int':
      return fc.oneof(fc.string({ maxLength: 10 }), fc.double({ noInteger: true, noNaN: true }), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }), fc.constant(-1))
    case 'bool':
      return fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.integer(), obj)
    case 'enum':
      return fc.oneof(fc.string({ maxLength: 20 }).filter((s) => !['draft', 'published', 'archived', 'schedule', 'webhook'].includes(s)), fc.integer(), fc.boolean())
    case 'array':
      return fc.oneof(fc.string(), fc.integer(), obj, fc.boolean(), fc.constant(TOO_MANY))
    case 'json':
      return fc.constant(undefined)
  }
}

const randomBody = (r: Route) => {
  const known = ROUTE_BODIES[key(r)]
  const fields = Object.keys(known?.fields ?? {})
  const shaped = fc.record(
    Object.fromEntries(fields.map((f) => [f, fc.oneof(fc.constant(known!.body[f]), fc.jsonValue({ maxDepth: 3 }), wrongValue(known!.fields[f]!))])),
    { requiredKeys: [] },
  )
  return fc.oneof(fc.jsonValue({ maxDepth: 4 }), shaped, shaped, fc.anything({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v ?? null)))).map(keepOnLoopback)
}

async function checkCase(r: Route, path: string, opts: { body?: unknown; raw?: string }, label: string) {
  await t.deps.background.drain()
  const before = await dbSnapshot(t.db)
  const a = await send(t, r.method, `/v1/api${path}`, { token: owner.token, ...opts, body: materialize(opts.body) })
  expectCleanAnswer(a, label)
  if (a.status >= 400) {
    const after = await dbSnapshot(t.db)
    if (after !== before) expect.fail(`${label} → ${a.status} changed the database:\n${snapshotDiff(before, after)}`)
  }
  expect(({} as Record<string, unknown>).polluted, 'prototype pollution').toBeUndefined()
  return a
}

describe('REST bad input: no 5xx, a clear JSON error, nothing changed', () => {
  it(`random JSON bodies and path segments on every write route (${RUNS.bodies} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writeRoutes).chain((r) => fc.tuple(fc.constant(r), pathFor(r), randomBody(r))), async ([r, path, body]) => {
        tally.add('rest random bodies')
        await checkCase(r, path, { body }, `${r.method} ${path} ${JSON.stringify(body)?.slice(0, 200)}`)
      }),
      { numRuns: RUNS.bodies },
    )
  }, 180_000)

  it(`malformed raw bodies: not JSON, truncated, binary, prototype keys (${RUNS.raw} cases)`, async () => {
    const raw = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v)).map((s) => s.slice(0, Math.max(1, Math.floor(s.length / 2)))),
      fc.constantFrom('{', '[1,2', '{"name":', '\u0000', 'null', '"x"', '123', 'true', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '\uFEFF{}', '{"a":1}{"b":2}'),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writeRoutes).chain((r) => fc.tuple(fc.constant(r), pathFor(r), raw)), async ([r, path, text]) => {
        tally.add('rest raw bodies')
        await checkCase(r, path, { raw: text }, `${r.method} ${path} raw ${JSON.stringify(text).slice(0, 100)}`)
      }),
      { numRuns: RUNS.raw },
    )
  }, 120_000)

  const fieldRoutes = writeRoutes.filter((r) => Object.values(ROUTE_BODIES[key(r)]?.fields ?? {}).some((f) => f !== 'json'))
  it(`one field of a valid body given the wrong type: 400 naming that field (${RUNS.field} cases)`, async () => {
    const cases = fc.constantFrom(...fieldRoutes).chain((r) => {
      const known = ROUTE_BODIES[key(r)]!
      const fields = Object.entries(known.fields).filter(([, ty]) => ty !== 'json')
      return fc.constantFrom(...fields).chain(([field, type]) => fc.tuple(fc.constant(r), fc.constant(field), wrongValue(type).map((v) => ({ ...known.body, [field]: v }))))
    })
    await fc.assert(
      fc.asyncProperty(cases, async ([r, field, body]) => {
        tally.add('rest wrong-typed fields')
        const path = fillPath(r.path, (k) => encodeURIComponent(ownParam(r.path, k, owner)))
        const label = `${r.method} ${path} ${field}=${JSON.stringify(body[field])?.slice(0, 80)}`
        const a = await checkCase(r, path, { body }, label)
        // A login with a wrong-typed field is refused like any wrong password.
        if (key(r) === 'POST /auth/login' && a.status === 401) return
        expect(a.status, label).toBe(400)
        const named = (a.body.details?.issues ?? []).some((i: { field: string }) => i.field === field || i.field.startsWith(`${field}.`) || i.field.endsWith(`.${field}`))
        expect(named || a.body.error.includes(field), `${label}: error does not name ${field}: ${JSON.stringify(a.body).slice(0, 300)}`).toBe(true)
      }),
      { numRuns: RUNS.field },
    )
  }, 120_000)

  it(`random query strings on every read route (${RUNS.query} cases)`, async () => {
    const readRoutes = routes.filter((r) => r.method === 'GET')
    const names = ['page', 'limit', 'status', 'search', 'v1', 'v2', 'include_position', 'pod', 'container', 'follow', 'tail_lines', 'since_seconds', 'previous', 'timestamps']
    const query = fc
      .dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.integer().map(String), fc.constantFrom('-1', '0', '1e9', 'NaN', 'true', '', 'x'.repeat(5000))), { maxKeys: 5 })
      .map((q) => new URLSearchParams(q).toString())
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...readRoutes).chain((r) => fc.tuple(fc.constant(r), pathFor(r), query)), async ([r, path, q]) => {
        tally.add('rest query strings')
        await checkCase(r, `${path}?${q}`, {}, `GET ${path}?${q.slice(0, 200)}`)
      }),
      { numRuns: RUNS.query },
    )
  }, 120_000)

  it('malformed percent-encoding in a path is a 400 naming the parameter (was a 500: URIError)', async () => {
    const a = await send(t, 'GET', '/v1/api/workflows/%E0%A4%A', { token: owner.token })
    expect(a.status).toBe(400)
    expect(a.body.details.issues[0].field).toBe('id')
    const hook = await send(t, 'POST', '/v1/api/hooks/%zz', { raw: '{}' })
    expect(hook.status).toBe(400)
    expect(hook.body.error).toMatch(/percent-encoding/)
    tally.add('rest malformed paths', 2)
  })

  it('a NUL character in a path, a body or a GraphQL argument is a 400, not a 500 (PostgreSQL cannot store it)', async () => {
    const before = await dbSnapshot(t.db)
    const path = await send(t, 'PUT', '/v1/api/clusters/%00', { token: owner.token, body: { name: 'x' } })
    expect(path.status).toBe(400)
    const body = await send(t, 'POST', '/v1/api/workflows', { token: owner.token, body: { name: 'a\u0000b', cluster_id: owner.clusterId } })
    expect(body.status).toBe(400)
    expect(body.body.error).toMatch(/cannot be stored/)
    const gql = await t.gql('mutation($c: String!) { createWorkflow(name: "a\\u0000b", clusterId: $c) { __typename } }', { c: owner.clusterId }, owner.token)
    expect(gql.errors?.[0]?.message).toMatch(/cannot be stored/)
    expect(await dbSnapshot(t.db)).toBe(before)
    tally.add('rest malformed paths', 3)
  })

  it('an unexpected failure is a JSON 500 without the stack (the adapter default sent the stack to the client)', async () => {
    const charge = t.deps.authThrottle.chargeLogin
    t.deps.authThrottle.chargeLogin = () => {
      throw new Error('boom at /internal/path/secret.ts:42')
    }
    try {
      const a = await send(t, 'POST', '/v1/api/auth/login', { body: { email: 'x@example.test', password: 'whatever' } })
      expect(a.status).toBe(500)
      expect(a.body).toEqual({ error: 'internal server error' })
    } finally {
      t.deps.authThrottle.chargeLogin = charge
    }
    tally.add('rest unexpected failures')
  })

  it('a body over the size limit is refused with 413 before it is read in full, and nothing changes', async () => {
    const before = await dbSnapshot(t.db)
    for (const r of writeRoutes) {
      const path = fillPath(r.path, (k) => ownParam(r.path, k, owner))
      const huge = JSON.stringify({ name: 'x', nodes: [{ data: { name: 'a'.repeat(MAX_BODY) } }] })
      const a = await send(t, r.method, `/v1/api${path}`, { token: owner.token, raw: huge })
      tally.add('rest oversized bodies')
      expect(a.status, `${r.method} ${path}`).toBe(413)
      expect(a.body.error).toMatch(/larger than/)
    }
    // A declared length over the limit is refused without reading the body.
    const a = await send(t, 'POST', '/v1/api/workflows', { token: owner.token, raw: '{}', headers: { 'content-length': String(MAX_BODY + 1) } })
    expect(a.status).toBe(413)
    expect(await dbSnapshot(t.db)).toBe(before)
  })

  it('a graph at the node limit + 1 and a 100 kB node name are refused naming the field', async () => {
    const before = await dbSnapshot(t.db)
    const wf = await t.rest('GET', `/v1/api/workflows/${owner.workflowId}`, { token: owner.token })
    const many = { nodes: Array.from({ length: 2001 }, (_, i) => ({ id: `n${i}` })), edges: [], revision: wf.body.revision }
    const a = await send(t, 'POST', `/v1/api/workflows/${owner.workflowId}/save`, { token: owner.token, body: many })
    expect(a.status).toBe(400)
    expect(a.body.details.issues[0].field).toBe('nodes')
    const longName = { nodes: [{ id: 'a', type: 'configmap', position: { x: 0, y: 0 }, data: { name: 'a'.repeat(100_000) } }], edges: [], revision: wf.body.revision }
    const b = await send(t, 'POST', `/v1/api/workflows/${owner.workflowId}/save`, { token: owner.token, body: longName })
    expect(b.status).toBe(400)
    expect(JSON.stringify(b.body.details.issues)).toMatch(/nodes\.0\.data\.name|name/)
    expect(JSON.stringify(b.body).length).toBeLessThan(20_000) // the error does not echo the payload
    expect(await dbSnapshot(t.db)).toBe(before)
    tally.add('rest oversized graphs', 2)
  })
})
