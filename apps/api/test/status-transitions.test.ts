import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

let t: TestApp
let token: string
let id: string
beforeAll(async () => {
  t = await createTestApp()
  ;({ token, workflowId: id } = await t.userWithWorkflow())
})
afterAll(() => t.close())

const setStatus = (status: string) => t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status } })
const stored = async () => (await t.db.workflow.findUniqueOrThrow({ where: { id } })).status

describe('workflow status transitions (SPEC §5)', () => {
  it('follows draft → published → draft → archived → draft', async () => {
    expect((await setStatus('published')).body.status).toBe('published')
    expect((await setStatus('draft')).body.status).toBe('draft')
    expect((await setStatus('archived')).body.status).toBe('archived')
    expect(await stored()).toBe('ARCHIVED')
  })

  it('refuses archived → published with a clear error and changes nothing', async () => {
    const res = await setStatus('published')
    expect(res.status).toBe(409)
    expect(res.body.error).toBe('cannot change workflow status from archived to published; from archived it can go to: draft')
    expect(await stored()).toBe('ARCHIVED')
  })

  it('refuses to save an archived workflow', async () => {
    const res = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { nodes: [], edges: [] } })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatch(/archived/)
  })

  it('unarchives to draft, and rejects an unknown status naming the field', async () => {
    expect((await setStatus('draft')).status).toBe(200)
    const bad = await setStatus('deployed')
    expect(bad.status).toBe(400)
    expect(bad.body.details.issues[0].field).toBe('status')
    expect(await stored()).toBe('DRAFT')
  })

  it('soft-deletes: gone from every API, row kept', async () => {
    expect((await t.rest('DELETE', `/v1/api/workflows/${id}`, { token })).status).toBe(204)
    expect((await t.rest('GET', `/v1/api/workflows/${id}`, { token })).status).toBe(404)
    expect((await t.rest('GET', '/v1/api/workflows', { token })).body.total).toBe(0)
    expect((await t.db.workflow.findUniqueOrThrow({ where: { id } })).deletedAt).not.toBeNull()
  })
})
