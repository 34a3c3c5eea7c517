import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'
import { sampleGraph } from './support/sample-graph.ts'

let t: TestApp
let token: string
let id: string
beforeAll(async () => {
  t = await createTestApp()
  ;({ token, workflowId: id } = await t.userWithWorkflow())
})
afterAll(() => t.close())

describe('concurrency', () => {
  it('20 concurrent version creates get 20 distinct consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.rest('POST', `/v1/api/workflows/${id}/versions`, { token, body: {} })),
    )
    expect(results.every((r) => r.status === 201)).toBe(true)
    const numbers = results.map((r) => r.body.version as number).sort((a, b) => a - b)
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    const rows = await t.db.workflowVersion.findMany({ where: { workflowId: id }, select: { version: true } })
    expect(new Set(rows.map((r) => r.version)).size).toBe(20)
  })

  it('two saves racing on the same revision: exactly one wins, the other gets a conflict', async () => {
    const base = (await t.db.workflow.findUniqueOrThrow({ where: { id } })).revision
    const [a, b] = await Promise.all([
      t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...sampleGraph({ replicas: 3 }), revision: base } }),
      t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...sampleGraph({ replicas: 4 }), revision: base } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const winner = a.status === 200 ? 3 : 4
    const loser = a.status === 409 ? a : b
    expect(loser.body.details.current_revision).toBe(base + 1)
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id } })
    expect(row.revision).toBe(base + 1)
    expect((row.nodes as { data: { replicas: number } }[])[0]!.data.replicas).toBe(winner)
  })
})
