import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'
import { sampleGraph } from './support/sample-graph.ts'

let t: TestApp
let alice: { token: string }
let bob: { token: string }
let wf: string
let clusterId: string

beforeAll(async () => {
  t = await createTestApp()
  alice = await t.signUp('alice')
  bob = await t.signUp('bob')
  clusterId = (await t.rest('POST', '/v1/api/clusters', { token: alice.token, body: { name: 'alice-prod' } })).body.id
  wf = (await t.rest('POST', '/v1/api/workflows', { token: alice.token, body: { name: 'private', cluster_id: 'alice-prod' } })).body.id
  await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token: alice.token, body: { ...sampleGraph(), revision: 0 } })
  await t.rest('POST', `/v1/api/workflows/${wf}/versions`, { token: alice.token, body: {} })
})
afterAll(() => t.close())

describe("another user's data is not found, never shown or changed", () => {
  const probes: [string, string, unknown?][] = [
    ['GET', '/v1/api/workflows/WF'],
    ['PUT', '/v1/api/workflows/WF', { name: 'stolen' }],
    ['DELETE', '/v1/api/workflows/WF'],
    ['PUT', '/v1/api/workflows/WF/status', { status: 'published' }],
    ['POST', '/v1/api/workflows/WF/clone', { name: 'copy' }],
    ['POST', '/v1/api/workflows/WF/save', { nodes: [], edges: [] }],
    ['GET', '/v1/api/workflows/WF/versions'],
    ['POST', '/v1/api/workflows/WF/versions', {}],
    ['GET', '/v1/api/workflows/WF/versions/1'],
    ['PUT', '/v1/api/workflows/WF/versions/1', { tag: 'x' }],
    ['GET', '/v1/api/workflows/WF/versions/compare?v1=1&v2=1'],
    ['POST', '/v1/api/workflows/WF/versions/1/restore'],
    ['GET', '/v1/api/clusters/CL'],
    ['GET', '/v1/api/clusters/alice-prod'],
    ['PUT', '/v1/api/clusters/CL', { name: 'mine' }],
    ['DELETE', '/v1/api/clusters/CL'],
  ]
  for (const [method, path, body] of probes) {
    it(`${method} ${path} → 404`, async () => {
      const before = await snapshot()
      const res = await t.rest(method, path.replace('WF', wf).replace('CL', clusterId), { token: bob.token, body })
      expect(res.status).toBe(404)
      expect(JSON.stringify(res.body)).not.toContain('private')
      expect(await snapshot()).toEqual(before)
    })
  }

  it("bob cannot target alice's cluster, by id or by name", async () => {
    for (const ref of [clusterId, 'alice-prod']) {
      const res = await t.rest('POST', '/v1/api/workflows', { token: bob.token, body: { name: 'x', cluster_id: ref } })
      expect(res.status).toBe(400)
    }
    expect(await t.db.workflow.count()).toBe(1)
  })

  it("bob's list does not show alice's workflows; GraphQL says not found", async () => {
    expect((await t.rest('GET', '/v1/api/workflows', { token: bob.token })).body.total).toBe(0)
    const res = await t.gql(`query($id: ID!) { workflow(id: $id) { __typename ... on QueryWorkflowSuccess { data { name } } ... on Error { message } } }`, { id: wf }, bob.token)
    expect(res.data?.workflow).toEqual({ __typename: 'NotFoundError', message: 'workflow not found' })
  })
})

describe('deployedObjects (what archive or delete would remove)', () => {
  const query = `query($id: ID!) { deployedObjects(workflowId: $id) { __typename ... on QueryDeployedObjectsSuccess { data { clusterName objects { kind name } } } ... on Error { message } } }`
  it("is not found for another user's workflow", async () => {
    const res = await t.gql(query, { id: wf }, bob.token)
    expect(res.data?.deployedObjects).toEqual({ __typename: 'NotFoundError', message: 'workflow not found' })
  })
  it('is nothing on a cluster without credentials, for the owner', async () => {
    const res = await t.gql(query, { id: wf }, alice.token)
    expect(res.data?.deployedObjects.data).toEqual({ clusterName: 'alice-prod', objects: [] })
  })
})

async function snapshot() {
  const [w, v, c] = await Promise.all([
    t.db.workflow.findMany({ orderBy: { id: 'asc' } }),
    t.db.workflowVersion.findMany({ orderBy: { id: 'asc' } }),
    t.db.cluster.findMany({ orderBy: { id: 'asc' } }),
  ])
  return JSON.stringify([w, v, c], (_k, val) => (typeof val === 'bigint' ? String(val) : val))
}
