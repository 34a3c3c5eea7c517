import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recoverRuns, INTERRUPTED } from '../src/services/runs/recover-runs.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('restart safety', () => {
  it('marks runs left running by a dead process as failed, with the reason, and leaves ended runs alone', async () => {
    const { token, userId } = await t.signUp()
    await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'c1' } })
    const id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'w', cluster_id: 'c1' } })).body.id
    const stuck = await t.db.workflowRun.create({ data: { workflowId: id, version: 1, triggeredByUserId: userId, startedAt: new Date(Date.now() - 60_000) } })
    const ended = await t.db.workflowRun.create({
      data: { workflowId: id, version: 1, status: 'COMPLETED', completedAt: new Date(), durationMs: 5 },
    })

    const result = await recoverRuns(t.deps)

    expect(result.failed).toBe(1)
    const after = await t.rest('GET', `/v1/api/workflows/${id}/runs/${stuck.id}`, { token })
    expect(after.body).toMatchObject({ status: 'failed', error: INTERRUPTED })
    expect(after.body.duration).toBeGreaterThanOrEqual(60_000)
    expect(after.body.logs.at(-1).message).toContain(INTERRUPTED)
    expect((await t.db.workflowRun.findUniqueOrThrow({ where: { id: ended.id } })).status).toBe('COMPLETED')
    expect(await t.db.workflowRun.count({ where: { status: 'RUNNING' } })).toBe(0)
  })
})
