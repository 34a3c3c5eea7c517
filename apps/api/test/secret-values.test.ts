import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

const PASSWORD = 'hunter2-very-secret-value'
const ROTATED = 'rotated-secret-value-42'

let t: TestApp
let token: string
let id: string
beforeAll(async () => {
  t = await createTestApp()
  ;({ token, workflowId: id } = await t.userWithWorkflow())
})
afterAll(() => t.close())

const graph = (entries: { key: string; value?: string }[]) => ({
  nodes: [
    { id: 'db', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'db', image: 'postgres:18' } },
    { id: 'creds', type: 'secret', position: { x: 0, y: 200 }, data: { name: 'creds', entries, mountPath: '/etc/creds' } },
  ],
  edges: [{ id: 'e', source: 'creds', target: 'db' }],
})

const everything = async () => {
  const rows = await Promise.all([t.db.workflow.findMany(), t.db.workflowVersion.findMany()])
  return JSON.stringify(rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v))
}

describe('secret values are write-only and sealed at rest', () => {
  it('strips values from the graph, seals them, and never returns them', async () => {
    const saved = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...graph([{ key: 'password', value: PASSWORD }]), revision: 0 } })
    expect(saved.status).toBe(200)
    expect(saved.body.nodes[1].data.entries).toEqual([{ key: 'password' }])
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id } })
    expect(row.secretValues).not.toBeNull()
    expect(JSON.stringify(row.nodes)).not.toContain(PASSWORD)
    await t.rest('POST', `/v1/api/workflows/${id}/versions`, { token, body: {} })
    expect(await everything()).not.toContain(PASSWORD)
    const answers = await Promise.all([
      t.rest('GET', `/v1/api/workflows/${id}`, { token }),
      t.rest('GET', `/v1/api/workflows/${id}/versions/1`, { token }),
      t.gql(`query($id: ID!) { workflow(id: $id) { ... on QueryWorkflowSuccess { data { nodes } } } }`, { id }, token),
    ])
    for (const a of answers) expect(JSON.stringify(a)).not.toContain(PASSWORD)
  })

  it('keeps a stored value when an entry is saved without one, and a diff never shows values', async () => {
    await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...graph([{ key: 'password' }]), revision: 1 } })
    await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...graph([{ key: 'password', value: ROTATED }]), revision: 2 } })
    await t.rest('POST', `/v1/api/workflows/${id}/versions`, { token, body: {} })
    const cmp = await t.rest('GET', `/v1/api/workflows/${id}/versions/compare?v1=1&v2=2`, { token })
    expect(cmp.status).toBe(200)
    const text = JSON.stringify(cmp.body)
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(ROTATED)
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'))
    expect(await everything()).not.toContain(ROTATED)
  })

  it('opens sealed values only with the key: version 1 still holds the first value', async () => {
    const { openSecretValues } = await import('../src/services/secrets/secret-values.ts')
    const v1 = await t.db.workflowVersion.findFirstOrThrow({ where: { workflowId: id, version: 1 } })
    const v2 = await t.db.workflowVersion.findFirstOrThrow({ where: { workflowId: id, version: 2 } })
    expect(openSecretValues(t.deps.sealer, v1.secretValues)).toEqual({ creds: { password: PASSWORD } })
    expect(openSecretValues(t.deps.sealer, v2.secretValues)).toEqual({ creds: { password: ROTATED } })
  })
})
