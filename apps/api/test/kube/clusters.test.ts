import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { kubeconfigPath } from './support.ts'

let t: TestApp
let token: string
beforeAll(async () => {
  t = await createTestApp({ sandboxKubeconfig: kubeconfigPath() })
  ;({ token } = await t.signUp('ops'))
})
afterAll(() => t.close())

describe('clusters with credentials', () => {
  it('registers the running sandbox automatically and tests it', async () => {
    const list = await t.rest('GET', '/v1/api/clusters', { token })
    expect(list.body.clusters.map((c: { name: string }) => c.name)).toEqual(['sandbox'])
    const tested = await t.rest('POST', '/v1/api/clusters/sandbox/test', { token })
    expect(tested.body).toMatchObject({ status: 'connected', has_credentials: true })
    expect(tested.body.status_message).toMatch(/^Kubernetes v1\.\d+\.\d+, \d+ nodes?$/)
  })

  it('registers from a kubeconfig with a chosen context, tested on create, credentials sealed', async () => {
    const kubeconfig = readFileSync(kubeconfigPath(), 'utf8')
    const contexts = await t.gql(`query($k: String!) { kubeconfigContexts(kubeconfig: $k) { ... on QueryKubeconfigContextsSuccess { data { name server } } } }`, { k: kubeconfig }, token)
    const context = contexts.data.kubeconfigContexts.data[0].name
    const res = await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'lab', kubeconfig, context } })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('connected')
    const row = await t.db.cluster.findFirstOrThrow({ where: { name: 'lab' } })
    const keyData = /client-key-data:\s*(\S+)/.exec(kubeconfig)![1]!
    expect(Buffer.from(row.credentials!).toString('latin1')).not.toContain(keyData.slice(0, 40))
    expect(JSON.stringify(res.body)).not.toContain(keyData.slice(0, 40))
  })

  it('names the context field when the context does not exist, and stores nothing', async () => {
    const res = await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'bad', kubeconfig: readFileSync(kubeconfigPath(), 'utf8'), context: 'nope' } })
    expect(res.status).toBe(400)
    expect(res.body.details.issues[0].field).toBe('connection.context')
    expect(await t.db.cluster.count({ where: { name: 'bad' } })).toBe(0)
  })

  it('records an unreachable cluster without leaking its token', async () => {
    const res = await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'gone', server: 'https://127.0.0.1:1', token: 'tok-super-secret-123', insecure_skip_tls_verify: true } })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('unreachable')
    expect(JSON.stringify(res.body)).not.toContain('tok-super-secret-123')
  })
})
