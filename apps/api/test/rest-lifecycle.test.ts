import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'
import { sampleGraph } from './support/sample-graph.ts'

let t: TestApp
let token: string
let workflowId: string

beforeAll(async () => {
  t = await createTestApp()
  ;({ token } = await t.signUp())
  const cluster = await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'production-cluster' } })
  expect(cluster.status).toBe(201)
})
afterAll(() => t.close())

describe('REST: create → save → version → compare → restore → list', () => {
  it('creates a workflow naming its cluster by name', async () => {
    const res = await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'shop', cluster_id: 'production-cluster', description: 'demo' } })
    expect(res.status).toBe(201)
    expect(res.body.id).toBe(res.body.workflow.id)
    expect(res.body.workflow).toMatchObject({ name: 'shop', status: 'draft', revision: 0, nodes: [], edges: [] })
    workflowId = res.body.id
  })

  it('saves the canvas and recomputes linked fields from the edges, ignoring client-sent ones', async () => {
    const graph = sampleGraph()
    ;(graph.nodes[1]!.data as Record<string, unknown>)._linkedDeployment = { name: 'forged' }
    const res = await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: { ...graph, revision: 0 } })
    expect(res.status).toBe(200)
    expect(res.body.revision).toBe(1)
    const svc = res.body.nodes.find((n: { id: string }) => n.id === 'web-svc')
    expect(svc.data._linkedDeployment).toMatchObject({ nodeId: 'web', name: 'web' })
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id: workflowId } })
    expect(row.revision).toBe(1)
    expect(row.nodes).toEqual(res.body.nodes) // the answer is what was stored
    expect(Math.abs(row.updatedAt.getTime() - Date.now())).toBeLessThan(60_000) // stored in UTC, like Prisma's @updatedAt
    expect(new Date(res.body.updated_at).getTime()).toBe(row.updatedAt.getTime())
  })

  it('refuses a save based on an older revision and returns the current one', async () => {
    const res = await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: { ...sampleGraph({ replicas: 9 }), revision: 0 } })
    expect(res.status).toBe(409)
    expect(res.body.details.current_revision).toBe(1)
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id: workflowId } })
    expect((row.nodes as { data: { replicas: number } }[])[0]!.data.replicas).toBe(2)
  })

  it('rejects an invalid graph naming the node field, and changes nothing', async () => {
    const bad = sampleGraph()
    ;(bad.nodes[0]!.data as Record<string, unknown>).replicas = -3
    const res = await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: { ...bad, revision: 1 } })
    expect(res.status).toBe(400)
    expect(res.body.details.issues).toContainEqual(expect.objectContaining({ field: 'nodes.0.data.replicas' }))
    expect((await t.db.workflow.findUniqueOrThrow({ where: { id: workflowId } })).revision).toBe(1)
  })

  it('creates versions 1 and 2 and compares them field by field', async () => {
    const v1 = await t.rest('POST', `/v1/api/workflows/${workflowId}/versions`, { token, body: { name: 'first', tag: 'v1.0' } })
    expect(v1.status).toBe(201)
    expect(v1.body).toMatchObject({ version: 1, name: 'first', tag: 'v1.0', automatic: false, restored_from: null })
    const moved = sampleGraph({ replicas: 5 })
    moved.nodes[0]!.position = { x: 999, y: 999 }
    expect((await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: { ...moved, revision: 1 } })).status).toBe(200)
    const v2 = await t.rest('POST', `/v1/api/workflows/${workflowId}/versions`, { token, body: {} })
    expect(v2.body.version).toBe(2)

    const cmp = await t.rest('GET', `/v1/api/workflows/${workflowId}/versions/compare?v1=1&v2=2`, { token })
    expect(cmp.status).toBe(200)
    const modified = cmp.body.graph.nodes.modified
    expect(modified).toHaveLength(1)
    expect(modified[0].id).toBe('web')
    expect(modified[0].changes).toEqual([{ path: 'data.replicas', old: 2, new: 5 }])
    const withPos = await t.rest('GET', `/v1/api/workflows/${workflowId}/versions/compare?v1=1&v2=2&include_position=true`, { token })
    expect(withPos.body.graph.nodes.modified[0].changes.map((c: { path: string }) => c.path)).toContain('position.x')
    const changed = JSON.stringify(cmp.body.manifests)
    expect(changed).toContain('replicas')
  })

  it('restores version 1 as version 3 and makes it the canvas', async () => {
    const res = await t.rest('POST', `/v1/api/workflows/${workflowId}/versions/1/restore`, { token })
    expect(res.status).toBe(201)
    expect(res.body.version).toMatchObject({ version: 3, restored_from: 1, description: 'Restored from version 1' })
    const wf = await t.rest('GET', `/v1/api/workflows/${workflowId}`, { token })
    expect(wf.body.nodes.find((n: { id: string }) => n.id === 'web').data.replicas).toBe(2)
    expect(wf.body.current_version).toBe(3)
  })

  it('lists versions newest first with pagination', async () => {
    const page1 = await t.rest('GET', `/v1/api/workflows/${workflowId}/versions?page=1&limit=2`, { token })
    expect(page1.body).toMatchObject({ total: 3, page: 1, limit: 2 })
    expect(page1.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2])
    const page2 = await t.rest('GET', `/v1/api/workflows/${workflowId}/versions?page=2&limit=2`, { token })
    expect(page2.body.versions.map((v: { version: number }) => v.version)).toEqual([1])
    expect((await t.rest('GET', `/v1/api/workflows/${workflowId}/versions?limit=101`, { token })).status).toBe(400)
  })

  it('lists, filters and searches workflows', async () => {
    await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'Billing API', cluster_id: 'production-cluster' } })
    const all = await t.rest('GET', '/v1/api/workflows', { token })
    expect(all.body.total).toBe(2)
    const search = await t.rest('GET', '/v1/api/workflows?search=billing', { token })
    expect(search.body.workflows.map((w: { name: string }) => w.name)).toEqual(['Billing API'])
    expect((await t.rest('GET', '/v1/api/workflows?status=published', { token })).body.total).toBe(0)
    expect((await t.rest('GET', '/v1/api/workflows?status=bogus', { token })).status).toBe(400)
  })

  it('updates a version label and clones a workflow', async () => {
    const upd = await t.rest('PUT', `/v1/api/workflows/${workflowId}/versions/1`, { token, body: { tag: 'stable' } })
    expect(upd.body.tag).toBe('stable')
    const clone = await t.rest('POST', `/v1/api/workflows/${workflowId}/clone`, { token, body: { name: 'shop copy' } })
    expect(clone.status).toBe(201)
    expect(clone.body.workflow).toMatchObject({ name: 'shop copy', status: 'draft' })
    expect(clone.body.workflow.nodes).toHaveLength(2)
  })
})

describe('REST: compare with a version that cannot be rendered', () => {
  it('still returns the design diff and says why the manifest diff is missing', async () => {
    const wf = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'half-done', cluster_id: 'production-cluster' } })).body.id
    const unfinished = {
      nodes: [{ id: 'in', type: 'ingress', position: { x: 0, y: 0 }, data: { name: 'web', paths: [{ id: 'p1', path: '/', pathType: 'Prefix' }] } }],
      edges: [],
    }
    expect((await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: { ...unfinished, revision: 0 } })).status).toBe(200)
    await t.rest('POST', `/v1/api/workflows/${wf}/versions`, { token, body: {} })
    await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: { ...sampleGraph(), revision: 1 } })
    await t.rest('POST', `/v1/api/workflows/${wf}/versions`, { token, body: {} })
    const cmp = await t.rest('GET', `/v1/api/workflows/${wf}/versions/compare?v1=1&v2=2`, { token })
    expect(cmp.status).toBe(200)
    expect(cmp.body.graph.summary).toMatchObject({ added: 3, removed: 1 }) // 2 nodes + 1 edge in, the ingress out
    expect(cmp.body.manifests.error).toMatch(/manifests cannot be rendered/)
  })
})

describe('REST: bad input and unknowns', () => {
  it('names the missing field and creates nothing', async () => {
    const before = await t.db.workflow.count()
    const res = await t.rest('POST', '/v1/api/workflows', { token, body: { cluster_id: 'production-cluster' } })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatch(/^name/)
    expect(await t.db.workflow.count()).toBe(before)
  })

  it('rejects an unknown cluster clearly', async () => {
    const res = await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'x', cluster_id: 'nope' } })
    expect(res.status).toBe(400)
    expect(res.body.details.issues[0]).toMatchObject({ field: 'cluster_id' })
    expect(res.body.error).toContain('nope')
  })

  it('answers unknown routes, bad JSON, missing auth and oversized bodies', async () => {
    expect((await t.rest('GET', '/v1/api/nothing-here', { token })).status).toBe(404)
    const badJson = await t.rest('POST', '/v1/api/workflows', { token, raw: '{"name":' })
    expect(badJson.status).toBe(400)
    expect(badJson.body.error).toMatch(/JSON/)
    expect((await t.rest('GET', '/v1/api/workflows')).status).toBe(401)
    const huge = await t.rest('POST', '/v1/api/workflows', { token, raw: JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) }) })
    expect(huge.status).toBe(413)
    expect((await t.rest('GET', `/v1/api/workflows/not-a-uuid`, { token })).status).toBe(404)
  })

  it('says on every answer how long the server took (Server-Timing), errors included', async () => {
    const saved = await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: sampleGraph() })
    const missing = await t.rest('GET', '/v1/api/nope', { token })
    const refused = await t.rest('GET', '/v1/api/workflows')
    for (const res of [saved, missing, refused]) expect(res.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d\d$/)
    expect([saved.status, missing.status, refused.status]).toEqual([200, 404, 401])
    expect(Number(saved.headers.get('server-timing')!.split('=')[1])).toBeGreaterThan(0)
  })

  it('serves the OpenAPI document of the routes', async () => {
    const res = await t.rest('GET', '/v1/api-docs')
    expect(res.body.openapi).toBe('3.1.0')
    expect(Object.keys(res.body.paths)).toContain('/v1/api/workflows/{id}/versions/{version}/restore')
  })
})
