import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_IMAGES, UNSCHEDULABLE_REQUESTS } from '@kubeorch/testenv'
import type { WorkflowEvent } from '../../src/events.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { kubeconfigPath, registerTestCluster, testClients, waitForRun } from './support.ts'

const ns = `run-${randomBytes(3).toString('hex')}`
const SECRET = 's3cr3t-db-password'
let t: TestApp
let token: string
let id: string
const { core, apps } = testClients()

function design(opts: { image?: string; withConfig?: boolean; resources?: unknown } = {}) {
  const withConfig = opts.withConfig ?? true
  return {
    nodes: [
      {
        id: 'web', type: 'deployment', position: { x: 0, y: 0 },
        data: { name: 'web', namespace: ns, image: opts.image ?? 'nginx:1.27', replicas: 2, ports: [{ containerPort: 80 }], ...(opts.resources ? { resources: opts.resources } : {}) },
      },
      { id: 'svc', type: 'service', position: { x: 300, y: 0 }, data: { name: 'web', namespace: ns, port: 80 } },
      { id: 'creds', type: 'secret', position: { x: 0, y: 200 }, data: { name: 'creds', namespace: ns, entries: [{ key: 'password', value: SECRET }], mountPath: '/etc/creds' } },
      ...(withConfig ? [{ id: 'cfg', type: 'configmap', position: { x: 300, y: 200 }, data: { name: 'cfg', namespace: ns, data: { LEVEL: 'debug' }, mountPath: '/etc/cfg' } }] : []),
    ],
    edges: [
      { id: 'e1', source: 'svc', target: 'web' },
      { id: 'e2', source: 'creds', target: 'web' },
      ...(withConfig ? [{ id: 'e3', source: 'cfg', target: 'web' }] : []),
    ],
  }
}

async function saveAndRun(graph: unknown) {
  const wf = await t.rest('GET', `/v1/api/workflows/${id}`, { token })
  const saved = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...(graph as object), revision: wf.body.revision } })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  return started.body.run_id as string
}

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('runner'))
  await registerTestCluster(t, token)
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'shop', cluster_id: 'testenv' } })).body.id
})
afterAll(() => t.close())

describe('runs against the real control plane', () => {
  it('refuses to run a draft', async () => {
    const res = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatch(/publish/)
    expect(await t.db.workflowRun.count()).toBe(0)
  })

  it('deploys: run_started → node_update… → run_completed, every node healthy, objects as rendered', async () => {
    await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
    const events: WorkflowEvent[] = []
    const ac = new AbortController()
    const collecting = (async () => {
      for await (const e of t.deps.events.subscribe(id, ac.signal)) events.push(e)
    })()
    const runId = await saveAndRun(design())
    const run = await waitForRun(t, token, id, runId)
    ac.abort()
    await collecting.catch(() => {})
    expect(run.status, JSON.stringify(run.logs.slice(-8))).toBe('completed')
    expect(run.duration).toBeGreaterThan(0)
    expect(run.version).toBe(1)
    expect(run.triggered_by).toBe('manual')
    expect(Object.fromEntries(run.node_states.map((s: { node_id: string; state: string }) => [s.node_id, s.state]))).toEqual({
      web: 'healthy', svc: 'healthy', creds: 'healthy', cfg: 'healthy',
    })
    const webState = run.node_states.find((s: { node_id: string }) => s.node_id === 'web')
    expect(webState.objects).toContainEqual(expect.objectContaining({ kind: 'Deployment', name: 'web', action: 'created' }))

    const types = events.filter((e) => e.type !== 'run_log' && e.type !== 'workflow_updated').map((e) => e.type)
    const done = types.indexOf('run_completed')
    expect(types[0]).toBe('run_started')
    expect(done, types.join(', ')).toBeGreaterThan(0)
    expect(types.slice(0, done)).toContain('node_update')
    // The monitor keeps watching after the run (a Service's second endpoint, say): only node updates may follow.
    expect(types.slice(done + 1).filter((type) => type !== 'node_update'), types.join(', ')).toEqual([])

    const dep = await apps.readNamespacedDeployment({ name: 'web', namespace: ns })
    expect(dep.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'kubeorch', 'kubeorch.io/workflow': id, 'kubeorch.io/node': 'web' })
    expect(dep.metadata?.managedFields?.map((f) => f.manager)).toContain('kubeorch')
    expect(dep.status?.availableReplicas).toBe(2)
    const secret = await core.readNamespacedSecret({ name: 'creds', namespace: ns })
    expect(Buffer.from(secret.data!.password!, 'base64').toString()).toBe(SECRET)
    const status = await t.db.nodeStatus.findMany({ where: { workflowId: id } })
    expect(status.map((s) => s.state).sort()).toEqual(['healthy', 'healthy', 'healthy', 'healthy'])
  })

  it('a second run without changes reports every object unchanged', async () => {
    const runId = await saveAndRun(design())
    const run = await waitForRun(t, token, id, runId)
    expect(run.status).toBe('completed')
    const actions = run.node_states.flatMap((s: { objects: { action: string }[] }) => s.objects.map((o) => o.action))
    expect(actions.length).toBeGreaterThan(0)
    expect(new Set(actions)).toEqual(new Set(['unchanged']))
  })

  it('deleting a node and running prunes its object', async () => {
    const runId = await saveAndRun(design({ withConfig: false }))
    const run = await waitForRun(t, token, id, runId)
    expect(run.status).toBe('completed')
    expect(run.logs.map((l: { message: string }) => l.message)).toContain(`pruned ConfigMap ${ns}/cfg`)
    await expect(core.readNamespacedConfigMap({ name: 'cfg', namespace: ns })).rejects.toMatchObject({ code: 404 })
  })

  it('a bad image turns the node red and the run failed with the pod reason', async () => {
    const runId = await saveAndRun(design({ withConfig: false, image: FAILURE_IMAGES.errImagePull }))
    const run = await waitForRun(t, token, id, runId)
    expect(run.status).toBe('failed')
    expect(run.error).toMatch(/ErrImagePull|ImagePullBackOff/)
    expect(run.node_states.find((s: { node_id: string }) => s.node_id === 'web').state).toBe('error')
  })

  it('a dry-run failure fails the run and changes nothing', async () => {
    // A quota the namespace already uses up (kube-root-ca.crt is its one ConfigMap): admission
    // refuses a new ConfigMap, also in a dry-run — a failure only the server can find.
    await core.createNamespacedResourceQuota({ namespace: ns, body: { metadata: { name: 'no-more-configmaps' }, spec: { hard: { 'count/configmaps': '1' } } } })
    await new Promise((r) => setTimeout(r, 1500)) // the quota controller fills in status.used
    const before = await apps.readNamespacedDeployment({ name: 'web', namespace: ns })
    const runId = await saveAndRun(design({ withConfig: true, image: 'nginx:1.28' }))
    const run = await waitForRun(t, token, id, runId)
    await core.deleteNamespacedResourceQuota({ name: 'no-more-configmaps', namespace: ns })
    expect(run.status).toBe('failed')
    expect(run.error).toMatch(/dry-run failed .*nothing was changed/)
    expect(run.node_states.find((s: { node_id: string }) => s.node_id === 'cfg')).toMatchObject({ state: 'error', message: expect.stringMatching(/quota/) })
    const after = await apps.readNamespacedDeployment({ name: 'web', namespace: ns })
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion)
    expect(after.spec?.template.spec?.containers[0]?.image).not.toBe('nginx:1.28')
  })

  it('cancel stops the run and records cancelled', async () => {
    const runId = await saveAndRun(design({ withConfig: false, resources: { requests: UNSCHEDULABLE_REQUESTS } }))
    const conflict = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    expect(conflict.status).toBe(409)
    expect(conflict.body.error).toContain(runId)
    const cancel = await t.rest('POST', `/v1/api/workflows/${id}/runs/${runId}/cancel`, { token })
    expect(cancel.status).toBe(200)
    const run = await waitForRun(t, token, id, runId)
    expect(run.status).toBe('cancelled')
    expect(run.completed_at).not.toBeNull()
  })

  it("another user can neither read nor run the workflow nor use the cluster", async () => {
    const eve = await t.signUp('eve')
    expect((await t.rest('GET', `/v1/api/workflows/${id}/runs`, { token: eve.token })).status).toBe(404)
    expect((await t.rest('POST', `/v1/api/workflows/${id}/run`, { token: eve.token, body: {} })).status).toBe(404)
    expect((await t.rest('POST', '/v1/api/workflows', { token: eve.token, body: { name: 'x', cluster_id: 'testenv' } })).status).toBe(400)
    expect((await t.rest('POST', `/v1/api/clusters/testenv/test`, { token: eve.token })).status).toBe(404)
  })

  it('never shows cluster credentials or secret values in answers or run logs', async () => {
    const kubeconfig = readFileSync(kubeconfigPath(), 'utf8')
    const secrets = [...kubeconfig.matchAll(/(?:client-key-data|client-certificate-data|token):\s*(\S+)/g)].map((m) => m[1]!)
    expect(secrets.length).toBeGreaterThan(0)
    const answers = JSON.stringify(await Promise.all([
      await t.rest('GET', '/v1/api/clusters', { token }),
      await t.rest('GET', `/v1/api/workflows/${id}/runs`, { token }),
      await t.rest('GET', `/v1/api/workflows/${id}/versions?limit=100`, { token }),
      await t.db.runLog.findMany(),
      await t.db.workflowVersion.findMany({ select: { manifests: true, nodes: true } }),
    ]), (_k, v) => (typeof v === 'bigint' ? String(v) : v))
    for (const s of [...secrets, SECRET, Buffer.from(SECRET).toString('base64')]) expect(answers).not.toContain(s)
  })
})
