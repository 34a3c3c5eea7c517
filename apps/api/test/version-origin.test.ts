import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'
import { sampleGraph } from './support/sample-graph.ts'

// Versions say where they came from, can be filtered by tag or origin, and the workflow names the
// version its latest completed run deployed (issue 14, item 10).
let t: TestApp
let owner: Awaited<ReturnType<TestApp['userWithWorkflow']>>

const LIST = `query($id: ID!, $tagged: Boolean, $origin: VersionOrigin) {
  versions(workflowId: $id, tagged: $tagged, origin: $origin) {
    __typename ... on QueryVersionsSuccess { data { total items { version origin tag name } } } ... on Error { message }
  }
}`

beforeAll(async () => {
  t = await createTestApp()
  owner = await t.userWithWorkflow('history')
  const id = owner.workflowId
  await t.rest('POST', `/v1/api/workflows/${id}/save`, { token: owner.token, body: { ...sampleGraph(), revision: 0 } })
  await t.rest('POST', `/v1/api/workflows/${id}/versions`, { token: owner.token, body: { name: 'first', tag: 'v1' } })
  await t.rest('POST', `/v1/api/workflows/${id}/versions`, { token: owner.token, body: { name: 'second' } })
  await t.rest('POST', `/v1/api/workflows/${id}/versions/1/restore`, { token: owner.token })
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token: owner.token, body: { status: 'published' } })
  // The cluster has no credentials: the run fails at once, but its version is stored first.
  const run = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token: owner.token, body: {} })
  expect(run.status).toBe(202)
  await t.deps.background.drain()
})
afterAll(() => t.close())

describe('version origins', () => {
  it('names each origin: manual, restore, run', async () => {
    const res = await t.gql(LIST, { id: owner.workflowId }, owner.token)
    expect(res.data?.versions.data.items.map((v: { version: number; origin: string }) => [v.version, v.origin])).toEqual([
      [4, 'RUN'],
      [3, 'RESTORE'],
      [2, 'MANUAL'],
      [1, 'MANUAL'],
    ])
  })

  it('filters tagged versions, and by origin', async () => {
    const tagged = await t.gql(LIST, { id: owner.workflowId, tagged: true }, owner.token)
    expect(tagged.data?.versions.data).toEqual({ total: 1, items: [{ version: 1, origin: 'MANUAL', tag: 'v1', name: 'first' }] })
    const manual = await t.gql(LIST, { id: owner.workflowId, origin: 'MANUAL' }, owner.token)
    expect(manual.data?.versions.data.items.map((v: { version: number }) => v.version)).toEqual([2, 1])
    const rest = await t.rest('GET', `/v1/api/workflows/${owner.workflowId}/versions?tagged=true`, { token: owner.token })
    expect(rest.body.total).toBe(1)
  })

  it('a failed run deploys nothing: no deployed version', async () => {
    const res = await t.gql(`query($id: ID!) { workflow(id: $id) { ... on QueryWorkflowSuccess { data { deployedVersion } } } }`, { id: owner.workflowId }, owner.token)
    expect(res.data?.workflow.data.deployedVersion).toBeNull()
  })

  it("another account's filtered list is not found", async () => {
    const bob = await t.signUp('bob-versions')
    const res = await t.gql(LIST, { id: owner.workflowId, tagged: true }, bob.token)
    expect(res.data?.versions).toEqual({ __typename: 'NotFoundError', message: 'workflow not found' })
  })
})
