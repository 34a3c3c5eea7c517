import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { dbSnapshot, snapshotDiff } from './support/db-snapshot.ts'
import { materialize } from './support/fuzz-values.ts'
import { documentFor, fuzzVariables, introspect, type Operation, type Schema } from './support/graphql-operations.ts'
import { expectCleanGql, sendGql, succeeded } from './support/graphql-probe.ts'
import { createOwnerFixture, ownArg, type OwnerFixture } from './support/owner-fixture.ts'
import { createTally } from './support/tally.ts'

// Bad input against every GraphQL query and mutation, read from the schema: random and
// wrong-typed variables, random documents, deep and wide queries. Every case: no 5xx, no masked
// internal error ("Unexpected error."), and a refused operation leaves every table as it was.

const RUNS = { variables: 500, documents: 250, depth: 200 }
const MAX_BODY = 256 * 1024

let t: TestApp
let owner: OwnerFixture
let schema: Schema
let operations: Operation[]
const tally = createTally('fuzz-graphql', 'fuzz')

beforeAll(async () => {
  t = await createTestApp({ maxBodyBytes: MAX_BODY })
  owner = await createOwnerFixture(t, 'gqlowner')
  schema = await introspect(t)
  // signOut would end the fuzzer's own session (it takes no input; test/sessions.test.ts covers it).
  operations = schema.operations.filter((op) => op.kind !== 'subscription' && op.name !== 'signOut')
})
afterAll(async () => {
  tally.report()
  await t.close()
})


async function checkGqlCase(op: Operation | undefined, payload: unknown, label: string, raw?: string) {
  await t.deps.background.drain()
  const before = await dbSnapshot(t.db)
  const a = await sendGql(t, payload, { token: owner.token, raw })
  expectCleanGql(a, label)
  if (!op || !succeeded(a, op.name, schema.errorTypes)) {
    const after = await dbSnapshot(t.db)
    if (after !== before) expect.fail(`${label} was refused but changed the database:\n${snapshotDiff(before, after)}`)
  }
  expect(({} as Record<string, unknown>).polluted, 'prototype pollution').toBeUndefined()
  return a
}

describe('GraphQL bad input: no 5xx, no internal error, nothing changed', () => {
  it(`random and wrong-typed variables for every query and mutation (${RUNS.variables} cases)`, async () => {
    // Destructive operations get no own ids, so the fixtures survive the run.
    const own = (op: Operation) => (arg: string) => (/^(delete|revoke)/.test(op.name) ? undefined : ownArg(op.name, arg, owner))
    const cases = fc.constantFrom(...operations).chain((op) => fc.tuple(fc.constant(op), fuzzVariables(schema, op, own(op))))
    await fc.assert(
      fc.asyncProperty(cases, async ([op, variables]) => {
        tally.add('graphql variables')
        await checkGqlCase(op, { query: documentFor(schema, op), variables: materialize(variables) }, `${op.kind} ${op.name} ${JSON.stringify(variables).slice(0, 300)}`)
      }),
      { numRuns: RUNS.variables },
    )
  }, 240_000)

  it(`random and malformed documents (${RUNS.documents} cases)`, async () => {
    const names = operations.map((o) => o.name)
    const token = fc.oneof(
      fc.constantFrom('{', '}', '(', ')', '...', 'on', 'query', 'mutation', 'subscription', 'fragment', '$x', ':', '@include(if: true)', '__typename', '__schema', '"str"', '123', 'null', '#', ','),
      fc.constantFrom(...names),
      fc.string({ maxLength: 6 }),
    )
    const doc = fc.oneof(
      fc.array(token, { maxLength: 40 }).map((ts) => ts.join(' ')),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(...names).map((n) => `{ ${n}(id: 123, workflowId: {a: 1}, version: "x") { __typename } }`),
    )
    const payload = fc.oneof(
      fc.record({ query: doc, variables: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })), operationName: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 8 }), fc.integer()) }, { requiredKeys: ['query'] }),
      fc.jsonValue({ maxDepth: 3 }),
    )
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        tally.add('graphql documents')
        await checkGqlCase(undefined, p, `document ${JSON.stringify(p).slice(0, 300)}`)
      }),
      { numRuns: RUNS.documents },
    )
  }, 180_000)

  it(`nesting deeper than 10 is refused before execution, shallower is answered (${RUNS.depth} cases)`, async () => {
    // Inline fragments on Query nest fields without new types, so depth is free to grow.
    const nested = (levels: number) => Array.from({ length: levels }).reduce<string>((acc) => `... on Query { workflows { __typename ${acc} } }`, 'me { id }')
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 11, max: 60 })), async (levels) => {
        tally.add('graphql depth')
        const a = await checkGqlCase(undefined, { query: `{ ${nested(levels)} }` }, `depth ${levels}`)
        // The document is not otherwise valid (Query fragments inside a union); what matters is
        // whether depth is the reason it is refused.
        expect(a.body.data, `depth ${levels}`).toBeUndefined()
        // Past 64 levels of braces (levels > 31) the document is refused before it is even parsed.
        if (levels >= 11) expect(JSON.stringify(a.body.errors), `depth ${levels}`).toMatch(levels > 31 ? /nests deeper than 64 levels/ : /depth/i)
        else expect(JSON.stringify(a.body.errors), `depth ${levels}`).not.toMatch(/depth/i)
      }),
      { numRuns: RUNS.depth },
    )
  }, 120_000)

  it('refuses a query over the cost limit, an alias flood and a field flood; answers within the limits', async () => {
    const wide = Array.from({ length: 12 }, (_, i) => `w${i}: workflows(limit: 100) { ... on QueryWorkflowsSuccess { data { items { id cluster { ${'id name server status '.repeat(20)} } } } } }`).join(' ')
    const cost = await checkGqlCase(undefined, { query: `{ ${wide} }` }, 'cost')
    expect(cost.body.data).toBeUndefined()
    expect(JSON.stringify(cost.body.errors)).toMatch(/cost/i)

    const aliases = await checkGqlCase(undefined, { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }, 'aliases')
    expect(JSON.stringify(aliases.body.errors)).toMatch(/alias/i)

    // Refused as it is lexed, before it is parsed: more than 2,000 tokens.
    const flood = await checkGqlCase(undefined, { query: `{ me { ${'id '.repeat(20_000)} } }` }, 'field flood')
    expect(flood.body.data).toBeUndefined()
    expect(JSON.stringify(flood.body.errors)).toMatch(/more than 2000 tokens/)
    // Under the token limit, a flood is still refused for its cost.
    const costly = await checkGqlCase(undefined, { query: `{ w: workflows(limit: 100) { ... on QueryWorkflowsSuccess { data { items { cluster { ${'id '.repeat(1_500)} } } } } } }` }, 'costly flood')
    expect(JSON.stringify(costly.body.errors)).toMatch(/cost/i)

    const ok = await checkGqlCase(undefined, { query: `{ me { id } workflows { ... on QueryWorkflowsSuccess { data { total } } } }` }, 'ordinary')
    expect(ok.body.errors).toBeUndefined()
    tally.add('graphql limits', 4)
  })

  it('a batch of operations, a GET mutation and a body over the size limit are refused cleanly', async () => {
    const batch = await checkGqlCase(undefined, [{ query: '{ me { id } }' }, { query: '{ me { id } }' }], 'batch')
    expect(batch.status).toBe(400) // batching is off: one operation per request, so limits hold per request
    const get = await t.app.handle(new Request(`http://test/graphql?query=${encodeURIComponent(`mutation { deleteWorkflow(id: "${owner.workflowId}") { __typename } }`)}`, { headers: { authorization: `Bearer ${owner.token}`, accept: 'application/json' } }))
    expect(get.status).toBe(405)
    expect((await t.db.workflow.findUniqueOrThrow({ where: { id: owner.workflowId } })).deletedAt).toBeNull()
    const before = await dbSnapshot(t.db)
    const huge = await sendGql(t, { query: 'mutation($n: JSON!, $e: JSON!) { saveWorkflow(id: "x", nodes: $n, edges: $e) { __typename } }', variables: { n: [{ data: 'a'.repeat(MAX_BODY) }], e: [] } }, { token: owner.token })
    expect(huge.status).toBe(413)
    expect(huge.body.error).toMatch(/larger than/)
    expect(await dbSnapshot(t.db)).toBe(before)
    tally.add('graphql limits', 3)
  })
})
