import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { registerTestCluster, testClients, waitForRun } from './support.ts'

// The resource detail of a node (SPEC §15) against the real control plane: rendered manifest
// beside the live object, events, pods with containers; Secret values never leave the API.

const suffix = randomBytes(3).toString('hex')
const ns = `res-${suffix}`
const SECRET_VALUE = `s3cret-${suffix}`
let t: TestApp
let owner: { token: string }
let workflowId: string
const { core } = testClients()

const QUERY = `query($w: ID!, $n: String!) { nodeResources(workflowId: $w, nodeId: $n) {
  __typename
  ... on QueryNodeResourcesSuccess { data { nodeId version health { state message } objects { kind name namespace manifest live }
    events { type reason message object count } pods { name phase containers { name image ready restartCount state reason } } } }
  ... on Error { message }
} }`
const resources = (nodeId: string, token = owner.token) => t.gql(QUERY, { w: workflowId, n: nodeId }, token)

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  owner = await t.signUp('resowner')
  await registerTestCluster(t, owner.token)
  workflowId = (await t.rest('POST', '/v1/api/workflows', { token: owner.token, body: { name: 'res', cluster_id: 'testenv' } })).body.id
  const graph = {
    revision: 0,
    nodes: [
      { id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'nginx:1.27', replicas: 2 } },
      { id: 'creds', type: 'secret', position: { x: 0, y: 200 }, data: { name: 'creds', namespace: ns, entries: [{ key: 'password', value: SECRET_VALUE }] } },
    ],
    edges: [],
  }
  const saved = await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token: owner.token, body: graph })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
})
afterAll(async () => {
  await t.close()
  await core.deleteNamespace({ name: ns }).catch(() => {})
})

describe('nodeResources', () => {
  it('before any run: no objects and no cluster read', async () => {
    const res = await resources('web')
    expect(res.data?.nodeResources).toMatchObject({ __typename: 'QueryNodeResourcesSuccess', data: { version: null, objects: [], pods: [], events: [] } })
  })

  it('after a run: manifest beside the live object, the pods with their containers, and events', async () => {
    await t.rest('PUT', `/v1/api/workflows/${workflowId}/status`, { token: owner.token, body: { status: 'published' } })
    const started = await t.rest('POST', `/v1/api/workflows/${workflowId}/run`, { token: owner.token, body: {} })
    expect((await waitForRun(t, owner.token, workflowId, started.body.run_id)).status).toBe('completed')

    const data = (await resources('web')).data!.nodeResources.data
    expect(data.version).toBe(1)
    expect(data.health).toMatchObject({ state: 'healthy' })
    expect(data.objects).toHaveLength(1)
    const [dep] = data.objects
    expect(dep).toMatchObject({ kind: 'Deployment', name: 'web', namespace: ns })
    expect(dep.manifest.spec.template.spec.containers[0].image).toBe('nginx:1.27')
    expect(dep.live.metadata.uid).toBeTruthy()
    expect(dep.live.status.readyReplicas).toBe(2)
    expect(dep.live.metadata.managedFields).toBeUndefined()
    expect(data.pods).toHaveLength(2)
    for (const pod of data.pods) {
      expect(pod.phase).toBe('Running')
      expect(pod.containers).toEqual([expect.objectContaining({ image: 'nginx:1.27', ready: true, restartCount: 0, state: 'running' })])
    }
    // The Deployment scaled its replica set, which created the pods; the scheduler placed them.
    expect(data.events.map((e: { reason: string }) => e.reason)).toEqual(expect.arrayContaining(['ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled']))
  })

  it('a Secret shows its keys, never its values, in the manifest or the live object', async () => {
    const res = await resources('creds')
    expect(JSON.stringify(res)).not.toContain(SECRET_VALUE)
    expect(JSON.stringify(res)).not.toContain(Buffer.from(SECRET_VALUE).toString('base64'))
    const [secret] = res.data!.nodeResources.data.objects
    expect(secret.kind).toBe('Secret')
    expect(secret.live.data).toEqual({ password: '' })
    expect(Object.keys(secret.manifest.data)).toEqual(['password'])
    expect(res.data!.nodeResources.data.pods).toEqual([])
  })

  it('another user gets "not found"; an unknown node is "not found"', async () => {
    const other = await t.signUp('resother')
    expect((await resources('web', other.token)).data?.nodeResources).toMatchObject({ __typename: 'NotFoundError' })
    expect((await resources('nope')).data?.nodeResources).toMatchObject({ __typename: 'NotFoundError', message: expect.stringContaining('nope') })
  })
})
