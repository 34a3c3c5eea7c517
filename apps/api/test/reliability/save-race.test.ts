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
})
