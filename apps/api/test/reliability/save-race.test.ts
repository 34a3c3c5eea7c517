import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleGraph } from '../support/sample-graph.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// SPEC §6: "a save based on an older revision is refused with a conflict error that returns the
// current revision (no lost updates)". Races of 2–6 saves on one base revision, over REST and
// GraphQL mixed: exactly one wins, every other one is a conflict naming the new revision, and the
// stored graph is the winner's, byte for byte.

const RUNS = 60
let t: TestApp
let token: string
let id: string
const tally = createTally('save-race', 'faults', 'fault scenarios')

beforeAll(async () => {
  t = await createTestApp()
  ;({ token, workflowId: id } = await t.userWithWorkflow('raced'))
})
afterAll(async () => {
  tally.report()
  await t.close()
})

const SAVE = `mutation($id: ID!, $nodes: JSON!, $edges: JSON!, $revision: Int) {
  saveWorkflow(id: $id, nodes: $nodes, edges: $edges, revision: $revision) {
    __typename ... on MutationSaveWorkflowSuccess { data { revision } } ... on RevisionConflictError { currentRevision }
  }
}`

describe('racing saves', () => {
  it(`exactly one of N concurrent saves on one revision wins; the others get a conflict; nothing is lost (${RUNS} races)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ replicas: fc.integer({ min: 1, max: 50 }), graphql: fc.boolean() }), { minLength: 2, maxLength: 6 }), async (savers) => {
        tally.add('fault scenarios')
        tally.add('racing saves', savers.length)
        const base = (await t.db.workflow.findUniqueOrThrow({ where: { id } })).revision
        // Distinct graphs, so the stored one says who won.
        const graphs = savers.map((s, i) => sampleGraph({ replicas: s.replicas, image: `nginx:1.${i}` }))
        const outcomes = await Promise.all(
          savers.map(async (s, i) => {
            if (!s.graphql) {
              const r = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...graphs[i], revision: base } })
              return r.status === 200 ? { won: true } : { won: false, status: r.status, current: r.body?.details?.current_revision }
            }
            const r = await t.gql(SAVE, { id, ...graphs[i], revision: base }, token)
            const v = r.data?.saveWorkflow
            return v?.__typename === 'MutationSaveWorkflowSuccess' ? { won: true } : { won: false, status: v?.__typename === 'RevisionConflictError' ? 409 : 500, current: v?.currentRevision }
          }),
        )
        const winners = outcomes.flatMap((o, i) => (o.won ? [i] : []))
        expect(winners).toHaveLength(1)
        for (const o of outcomes.filter((x) => !x.won)) expect(o).toEqual({ won: false, status: 409, current: base + 1 })
        const row = await t.db.workflow.findUniqueOrThrow({ where: { id } })
        expect(row.revision).toBe(base + 1)
        const stored = (row.nodes as { data: { image: string; replicas: number } }[])[0]!.data
        expect(stored.image).toBe(`nginx:1.${winners[0]}`)
        expect(stored.replicas).toBe(savers[winners[0]!]!.replicas)
      }),
      { numRuns: RUNS },
    )
  }, 120_000)

  // README: "A save without `revision` (legacy scripts) applies to whatever is current (last
  // writer wins)". It read the revision, then wrote only if it was unchanged: 22 of 50 racing
  // revisionless saves got a 409.
  it('50 concurrent saves without a revision all succeed; the stored graph is one of them and the revision counts each', async () => {
    const base = (await t.db.workflow.findUniqueOrThrow({ where: { id } })).revision
    const graphs = Array.from({ length: 50 }, (_, i) => sampleGraph({ replicas: i + 1, image: `nginx:2.${i}` }))
    const answers = await Promise.all(graphs.map((g) => t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: g })))
    tally.add('fault scenarios')
    tally.add('racing saves', answers.length)
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200))
    // Each answer carries the revision its write made: 50 distinct, consecutive revisions.
    expect(answers.map((a) => a.body.revision).sort((a, b) => a - b)).toEqual(graphs.map((_, i) => base + 1 + i))
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id } })
    expect(row.revision).toBe(base + 50)
    // The stored graph is the one whose answer has the last revision, byte for byte.
    const last = answers.find((a) => a.body.revision === base + 50)!
    expect(row.nodes).toEqual(last.body.nodes)
    const stored = (row.nodes as { data: { image: string; replicas: number } }[])[0]!.data
    expect(graphs.some((g) => g.nodes[0]!.data.image === stored.image && g.nodes[0]!.data.replicas === stored.replicas)).toBe(true)
  }, 120_000)

  it('a save with a stale revision is still a conflict while revisionless saves race it', async () => {
    const base = (await t.db.workflow.findUniqueOrThrow({ where: { id } })).revision
    const racing = Array.from({ length: 10 }, (_, i) => t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: sampleGraph({ replicas: i + 1 }) }))
    const [stale] = await Promise.all([t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...sampleGraph({ replicas: 99 }), revision: base - 1 } }), ...racing])
    tally.add('fault scenarios')
    expect(stale.status).toBe(409)
    expect(stale.body.details.current_revision).toBeGreaterThanOrEqual(base)
  }, 60_000)
})
