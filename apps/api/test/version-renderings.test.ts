import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVersionRenderings } from '../src/services/versions/version-renderings.ts'
import { sampleGraph } from './support/sample-graph.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

let t: TestApp
let token: string
let workflowId: string

beforeAll(async () => {
  t = await createTestApp()
  ;({ token, workflowId } = await t.userWithWorkflow('renderings'))
  let revision = 0
  for (const replicas of [1, 2, 3]) {
    const saved = await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: { ...sampleGraph({ replicas }), revision } })
    revision = saved.body.revision
    expect((await t.rest('POST', `/v1/api/workflows/${workflowId}/versions`, { token, body: {} })).status).toBe(201)
  }
})
afterAll(() => t.close())

const compare = async (v1: number, v2: number) => {
  const res = await t.rest('GET', `/v1/api/workflows/${workflowId}/versions/compare?v1=${v1}&v2=${v2}`, { token })
  expect(res.status).toBe(200)
  return res.body
}

describe('version renderings kept for comparisons', () => {
  it('answers every pair exactly as a fresh rendering would, while keeping and evicting renderings', async () => {
    const pairs = [[1, 2], [2, 3], [1, 3], [3, 1], [2, 1], [1, 2]] as const
    const fresh = []
    for (const [a, b] of pairs) {
      t.deps.versionRenderings = createVersionRenderings() // nothing kept: read and render both
      fresh.push(await compare(a, b))
    }
    expect(fresh[0].manifests.changed.map((c: { kind: string }) => c.kind)).toContain('Deployment')
    expect(fresh[0].manifests.changed[0].diff).toContain('-  replicas: 1\n+  replicas: 2')

    for (const limit of [1, 1_000]) {
      // limit 1 node: every new rendering evicts the others; 1,000: all three stay
      t.deps.versionRenderings = createVersionRenderings(limit)
      for (const round of [0, 1]) {
        for (const [i, [a, b]] of pairs.entries()) expect(await compare(a, b), `limit ${limit}, round ${round}, ${a}→${b}`).toEqual(fresh[i])
      }
    }
  })
})
