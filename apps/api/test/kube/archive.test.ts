import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { registerTestCluster, testClients, waitForRun } from './support.ts'

const ns = `arch-${randomBytes(3).toString('hex')}`
let t: TestApp
let token: string
const { core, apps } = testClients()

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('archiver'))
  await registerTestCluster(t, token)
})
afterAll(() => t.close())

async function deployed(name: string) {
  const id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name, cluster_id: 'testenv' } })).body.id
  await t.rest('POST', `/v1/api/workflows/${id}/save`, {
    token,
    body: {
      revision: 0,
      nodes: [
        { id: 'app', type: 'deployment', position: { x: 0, y: 0 }, data: { name, namespace: ns, image: 'nginx:1.27' } },
        { id: 'conf', type: 'configmap', position: { x: 0, y: 100 }, data: { name: `${name}-conf`, namespace: ns, data: { A: '1' } } },
      ],
      edges: [{ id: 'e', source: 'conf', target: 'app' }],
    },
  })
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
  const run = await waitForRun(t, token, id, (await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })).body.run_id)
  expect(run.status).toBe('completed')
  return id
}

describe('archive and delete remove the objects from the cluster', () => {
  it('archiving deletes the objects by label and stops watching; the history stays', async () => {
    const id = await deployed('keep')
    expect(t.deps.monitors.get(id)).toBeDefined()
    const res = await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'archived' } })
    expect(res.body.status).toBe('archived')
    await expect(apps.readNamespacedDeployment({ name: 'keep', namespace: ns })).rejects.toMatchObject({ code: 404 })
    await expect(core.readNamespacedConfigMap({ name: 'keep-conf', namespace: ns })).rejects.toMatchObject({ code: 404 })
    expect(t.deps.monitors.get(id)).toBeUndefined()
    expect(await t.db.nodeStatus.count({ where: { workflowId: id } })).toBe(0)
    expect((await t.rest('GET', `/v1/api/workflows/${id}/runs`, { token })).body.total).toBe(1)
    expect((await t.rest('GET', `/v1/api/workflows/${id}/versions`, { token })).body.total).toBe(1)
  })

  it('names what it would remove beforehand, and tells open canvases the nodes are gone', async () => {
    const id = await deployed('named')
    const query = `query($id: ID!) { deployedObjects(workflowId: $id) { ... on QueryDeployedObjectsSuccess { data { clusterName objects { kind namespace name } } } } }`
    const before = (await t.gql(query, { id }, token)).data?.deployedObjects.data
    expect(before).toEqual({
      clusterName: 'testenv',
      objects: [
        { kind: 'ConfigMap', namespace: ns, name: 'named-conf' },
        { kind: 'Deployment', namespace: ns, name: 'named' },
      ],
    })
    const seen: { nodeId: string; state: string; message: string }[] = []
    const stop = new AbortController()
    const reading = (async () => {
      for await (const e of t.deps.events.subscribe(id, stop.signal)) {
        if (e.type === 'node_update') seen.push({ nodeId: e.nodeId, state: e.state, message: e.message })
        if (e.type === 'workflow_updated' && e.status === 'ARCHIVED') break
      }
    })()
    await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'archived' } })
    await reading
    stop.abort()
    expect(seen.filter((e) => e.state === 'unknown').map((e) => e.nodeId).sort()).toEqual(['app', 'conf'])
    expect(seen.at(-1)).toMatchObject({ state: 'unknown', message: 'Removed from the cluster' })
    expect((await t.gql(query, { id }, token)).data?.deployedObjects.data.objects).toEqual([])
  })

  it("soft delete removes the objects too, and leaves other workflows' objects alone", async () => {
    const gone = await deployed('gone')
    await deployed('stays')
    expect((await t.rest('DELETE', `/v1/api/workflows/${gone}`, { token })).status).toBe(204)
    await expect(apps.readNamespacedDeployment({ name: 'gone', namespace: ns })).rejects.toMatchObject({ code: 404 })
    expect((await apps.readNamespacedDeployment({ name: 'stays', namespace: ns })).metadata?.name).toBe('stays')
  })
})
