import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'
import { sampleGraph } from './support/sample-graph.ts'

let t: TestApp
let token: string
let id: string

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('GraphQL: register → create → save → version → compare → restore → list', () => {
  it('registers and logs in', async () => {
    const reg = await t.gql(`mutation { register(email: "gq@example.test", password: "long enough pw") { __typename ... on MutationRegisterSuccess { data { token user { email } } } } }`)
    expect(reg.data.register.data.user.email).toBe('gq@example.test')
    const login = await t.gql(`mutation { login(email: "gq@example.test", password: "long enough pw") { ... on MutationLoginSuccess { data { token } } ... on Error { message } } }`)
    token = login.data.login.data.token
    expect(token).toBeTruthy()
    const wrong = await t.gql(`mutation { login(email: "gq@example.test", password: "nope nope") { __typename ... on Error { message } } }`)
    expect(wrong.data.login).toEqual({ __typename: 'AuthenticationError', message: 'invalid email or password' })
  })

  it('creates a cluster and a workflow', async () => {
    const c = await t.gql(`mutation { createCluster(input: { name: "dev" }) { ... on MutationCreateClusterSuccess { data { id name hasCredentials } } } }`, {}, token)
    expect(c.data.createCluster.data).toMatchObject({ name: 'dev', hasCredentials: false })
    const w = await t.gql(`mutation { createWorkflow(name: "gql app", clusterId: "dev") { ... on MutationCreateWorkflowSuccess { data { id status revision cluster { name } } } } }`, {}, token)
    expect(w.data.createWorkflow.data).toMatchObject({ status: 'DRAFT', revision: 0, cluster: { name: 'dev' } })
    id = w.data.createWorkflow.data.id
  })

  const save = (graph: unknown, revision: number) =>
    t.gql(
      `mutation($id: ID!, $nodes: JSON!, $edges: JSON!, $rev: Int) { saveWorkflow(id: $id, nodes: $nodes, edges: $edges, revision: $rev) {
        __typename ... on MutationSaveWorkflowSuccess { data { revision nodes } } ... on RevisionConflictError { currentRevision message }
        ... on ValidationError { issues { path message nodeId } } } }`,
      { id, ...(graph as object), rev: revision },
      token,
    )

  it('saves, and answers a stale save with RevisionConflictError', async () => {
    const ok = await save(sampleGraph(), 0)
    expect(ok.data.saveWorkflow.data.revision).toBe(1)
    const stale = await save(sampleGraph({ replicas: 7 }), 0)
    expect(stale.data.saveWorkflow).toMatchObject({ __typename: 'RevisionConflictError', currentRevision: 1 })
  })

  it('answers invalid node data with a ValidationError carrying the field path', async () => {
    const g = sampleGraph()
    ;(g.nodes[0]!.data as Record<string, unknown>).name = 'Not_DNS'
    const res = await save(g, 1)
    expect(res.data.saveWorkflow.__typename).toBe('ValidationError')
    expect(res.data.saveWorkflow.issues).toContainEqual(expect.objectContaining({ path: ['nodes', '0', 'data', 'name'], nodeId: 'web' }))
  })

  it('versions, compares, restores and lists', async () => {
    const v = (q: string) => t.gql(q, { id }, token)
    await v(`mutation($id: ID!) { createVersion(workflowId: $id, name: "one") { __typename } }`)
    await save(sampleGraph({ image: 'nginx:1.28' }), 1)
    await v(`mutation($id: ID!) { createVersion(workflowId: $id, name: "two") { __typename } }`)
    const cmp = await v(`query($id: ID!) { compareVersions(workflowId: $id, v1: 1, v2: 2) { ... on QueryCompareVersionsSuccess { data { graph } } } }`)
    expect(cmp.data.compareVersions.data.graph.nodes.modified[0].changes).toContainEqual({ path: 'data.image', old: 'nginx:1.27', new: 'nginx:1.28' })
    const restored = await v(`mutation($id: ID!) { restoreVersion(workflowId: $id, version: 1) { ... on MutationRestoreVersionSuccess { data { version restoredFrom description } } } }`)
    expect(restored.data.restoreVersion.data).toEqual({ version: 3, restoredFrom: 1, description: 'Restored from version 1' })
    const list = await v(`query($id: ID!) { versions(workflowId: $id, limit: 10) { ... on QueryVersionsSuccess { data { total items { version } } } } }`)
    expect(list.data.versions.data).toEqual({ total: 3, items: [{ version: 3 }, { version: 2 }, { version: 1 }] })
    const wfs = await t.gql(`{ workflows(search: "GQL") { ... on QueryWorkflowsSuccess { data { total items { name } } } } }`, {}, token)
    expect(wfs.data.workflows.data).toEqual({ total: 1, items: [{ name: 'gql app' }] })
  })

  it('refuses an illegal transition with InvalidTransitionError', async () => {
    await t.gql(`mutation($id: ID!) { setWorkflowStatus(id: $id, status: ARCHIVED) { __typename } }`, { id }, token)
    const res = await t.gql(`mutation($id: ID!) { setWorkflowStatus(id: $id, status: PUBLISHED) { __typename ... on Error { message } } }`, { id }, token)
    expect(res.data.setWorkflowStatus.__typename).toBe('InvalidTransitionError')
  })

  it('requires authentication', async () => {
    const res = await t.gql(`{ workflows { __typename } }`)
    expect(res.errors?.[0]?.message).toMatch(/authentication required|Not authorized/)
  })
})
