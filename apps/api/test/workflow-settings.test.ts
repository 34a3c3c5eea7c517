import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

// Workflow settings (rename, description, move to another cluster) and cluster edit / delete, as
// the web app's settings and Clusters page use them (issue 14, item 1). Owner-scoped: every
// operation is tried by a second account too.
let t: TestApp
let alice: { token: string; userId: string }
let bob: { token: string; userId: string }

const UPDATE = `mutation($id: ID!, $name: String, $description: String, $clusterId: String, $remove: Boolean) {
  updateWorkflow(id: $id, name: $name, description: $description, clusterId: $clusterId, removeFromCurrentCluster: $remove) {
    __typename ... on MutationUpdateWorkflowSuccess { data { name description cluster { name } } } ... on Error { message code }
  }
}`
const DELETE_CLUSTER = `mutation($id: String!) { deleteCluster(id: $id) { __typename ... on MutationDeleteClusterSuccess { data } ... on Error { message code } } }`
const UPDATE_CLUSTER = `mutation($id: String!, $input: ClusterInput!) {
  updateCluster(id: $id, input: $input) { __typename ... on MutationUpdateClusterSuccess { data { name description } } ... on Error { message code } }
}`

async function workflowOn(token: string, name: string, cluster: string) {
  const res = await t.rest('POST', '/v1/api/workflows', { token, body: { name, cluster_id: cluster } })
  return res.body.id as string
}

beforeAll(async () => {
  t = await createTestApp()
  alice = await t.signUp('alice-settings')
  bob = await t.signUp('bob-settings')
  for (const name of ['first', 'second']) await t.rest('POST', '/v1/api/clusters', { token: alice.token, body: { name } })
  await t.rest('POST', '/v1/api/clusters', { token: bob.token, body: { name: 'bobs' } })
})
afterAll(() => t.close())

describe('workflow settings', () => {
  it('renames, describes and moves a workflow that has nothing deployed', async () => {
    const id = await workflowOn(alice.token, 'shop', 'first')
    const res = await t.gql(UPDATE, { id, name: 'store', description: 'the shop', clusterId: 'second' }, alice.token)
    expect(res.data?.updateWorkflow).toEqual({ __typename: 'MutationUpdateWorkflowSuccess', data: { name: 'store', description: 'the shop', cluster: { name: 'second' } } })
  })

  it('refuses to move a workflow with objects deployed, naming the cluster; with removeFromCurrentCluster it deletes them first', async () => {
    const id = await workflowOn(alice.token, 'deployed', 'first')
    // What a run leaves behind: the recorded state of each deployed node.
    await t.db.nodeStatus.create({ data: { workflowId: id, nodeId: 'web', state: 'healthy' } })
    const refused = await t.gql(UPDATE, { id, clusterId: 'second' }, alice.token)
    expect(refused.data?.updateWorkflow).toMatchObject({ __typename: 'ConflictError', code: 'DEPLOYED', message: expect.stringContaining('deployed on cluster first') })
    expect((await t.db.workflow.findUniqueOrThrow({ where: { id }, include: { cluster: true } })).cluster.name).toBe('first')
    const moved = await t.gql(UPDATE, { id, clusterId: 'second', remove: true }, alice.token)
    expect(moved.data?.updateWorkflow.data.cluster).toEqual({ name: 'second' })
    expect(await t.db.nodeStatus.count({ where: { workflowId: id } })).toBe(0)
  })

  it("another account can neither change alice's workflow nor move one onto alice's cluster", async () => {
    const id = await workflowOn(alice.token, 'private', 'first')
    const res = await t.gql(UPDATE, { id, name: 'stolen', clusterId: 'bobs' }, bob.token)
    expect(res.data?.updateWorkflow).toMatchObject({ __typename: 'NotFoundError' })
    const own = await workflowOn(bob.token, 'mine', 'bobs')
    const onto = await t.gql(UPDATE, { id: own, clusterId: 'first' }, bob.token)
    expect(onto.data?.updateWorkflow).toMatchObject({ __typename: 'ValidationError', message: expect.stringContaining('no cluster') })
    expect((await t.db.workflow.findUniqueOrThrow({ where: { id } })).name).toBe('private')
  })
})

describe('cluster edit and delete', () => {
  it('renames and describes a cluster; the same name as another of yours is refused naming the field', async () => {
    await t.rest('POST', '/v1/api/clusters', { token: alice.token, body: { name: 'draft-name' } })
    const renamed = await t.gql(UPDATE_CLUSTER, { id: 'draft-name', input: { name: 'staging', description: 'for tests' } }, alice.token)
    expect(renamed.data?.updateCluster).toEqual({ __typename: 'MutationUpdateClusterSuccess', data: { name: 'staging', description: 'for tests' } })
    const taken = await t.gql(UPDATE_CLUSTER, { id: 'staging', input: { name: 'first' } }, alice.token)
    expect(taken.data?.updateCluster).toMatchObject({ __typename: 'ValidationError', message: expect.stringContaining('already have a cluster with this name') })
  })

  it('refuses to delete a cluster workflows deploy to, naming them; deleted workflows do not keep it', async () => {
    await t.rest('POST', '/v1/api/clusters', { token: alice.token, body: { name: 'busy' } })
    const live = await workflowOn(alice.token, 'orders', 'busy')
    const gone = await workflowOn(alice.token, 'old', 'busy')
    await t.rest('DELETE', `/v1/api/workflows/${gone}`, { token: alice.token })
    const refused = await t.gql(DELETE_CLUSTER, { id: 'busy' }, alice.token)
    expect(refused.data?.deleteCluster).toMatchObject({ __typename: 'ConflictError', code: 'CLUSTER_IN_USE', message: expect.stringContaining('"orders"') })
    expect(refused.data?.deleteCluster.message).not.toContain('"old"')
    await t.rest('DELETE', `/v1/api/workflows/${live}`, { token: alice.token })
    const deleted = await t.gql(DELETE_CLUSTER, { id: 'busy' }, alice.token)
    expect(deleted.data?.deleteCluster).toEqual({ __typename: 'MutationDeleteClusterSuccess', data: true })
    expect(await t.db.cluster.count({ where: { ownerId: alice.userId, name: 'busy' } })).toBe(0)
  })

  it("another account can neither edit nor delete alice's cluster", async () => {
    const edit = await t.gql(UPDATE_CLUSTER, { id: 'first', input: { name: 'mine' } }, bob.token)
    expect(edit.data?.updateCluster).toMatchObject({ __typename: 'NotFoundError' })
    const del = await t.gql(DELETE_CLUSTER, { id: 'second' }, bob.token)
    expect(del.data?.deleteCluster).toMatchObject({ __typename: 'NotFoundError' })
    expect(await t.db.cluster.count({ where: { ownerId: alice.userId, name: { in: ['first', 'second'] } } })).toBe(2)
  })
})
