import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node'
import { startControlPlane, type ControlPlane } from '@kubeorch/testenv'
import type { WorkflowEvent } from '../../src/events.ts'
import { UNREACHABLE_GRACE_MS } from '../../src/services/monitoring/workflow-monitor.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from '../reliability/support/tally.ts'
import { until, waitForRun } from './support.ts'

// The kube-apiserver of a control plane of its own (the shared one serves other test files) is
// stopped while a run waits for health, and started again. The run fails within a bounded time
// with a per-node reason — not after the health timeout — nothing hangs; the live state says the
// cluster cannot be observed; once the apiserver is back the watchers recover by themselves and
// the next run works. A run started while the apiserver is down fails fast, changing nothing.

const HEALTH_TIMEOUT_MS = 150_000
const FAIL_BOUND_MS = UNREACHABLE_GRACE_MS + 10_000
const RECOVERY_BOUND_MS = 60_000
const ns = `api-${randomBytes(3).toString('hex')}`
const tally = createTally('apiserver-outage', 'faults', 'fault scenarios')

let cp: ControlPlane
let core: CoreV1Api
let t: TestApp
let token: string
let id: string

const node = (nid: string, type: string, data: Record<string, unknown>, x = 0) => ({ id: nid, type, position: { x, y: 0 }, data: { namespace: ns, ...data } })
const design = (stuck: boolean) => ({
  nodes: [
    node('web', 'deployment', { name: 'web', image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 80 }] }),
    node('cfg', 'configmap', { name: 'cfg', data: { A: '1' }, mountPath: '/etc/cfg' }, 300),
    // A claim of a class nobody provisions stays Pending: the run keeps waiting for health.
    ...(stuck ? [node('vol', 'persistentvolumeclaim', { name: 'vol', storage: '1Gi', storageClassName: 'nobody-provisions-this' }, 600)] : []),
  ],
  edges: [{ id: 'e1', source: 'cfg', target: 'web' }],
})


async function saveAndRun(stuck: boolean) {
  const wf = await t.rest('GET', `/v1/api/workflows/${id}`, { token })
  expect((await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...design(stuck), revision: wf.body.revision } })).status).toBe(200)
  const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  return started.body.run_id as string
}

beforeAll(async () => {
  cp = await startControlPlane({ nodes: 1 })
  const kc = new KubeConfig()
  kc.loadFromString(cp.kubeconfig)
  core = kc.makeApiClient(CoreV1Api)
  t = await createTestApp({ runHealthTimeoutMs: HEALTH_TIMEOUT_MS })
  ;({ token } = await t.signUp('outage'))
  expect((await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'own-cp', kubeconfig: cp.kubeconfig } })).status).toBe(201)
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'outage', cluster_id: 'own-cp' } })).body.id
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
}, 300_000)
afterAll(async () => {
  tally.report()
  await t?.close()
  await cp?.stop()
})

describe('kube-apiserver stopped in the middle of a run', () => {
  it('the run fails in bounded time naming each node; watchers recover; the next run works', async () => {
    const events: WorkflowEvent[] = []
    const ac = new AbortController()
    const collecting = (async () => {
      for await (const e of t.deps.events.subscribe(id, ac.signal)) events.push(e)
    })().catch(() => {})

    const runId = await saveAndRun(true)
    await until('the run to wait for health with web healthy', async () => {
      const run = await t.rest('GET', `/v1/api/workflows/${id}/runs/${runId}`, { token })
      const web = await t.db.nodeStatus.findFirst({ where: { workflowId: id, nodeId: 'web' } })
      return run.body.logs.some((l: { message: string }) => l.message === 'waiting for every node to be healthy') && web?.state === 'healthy'
    }, 90_000)

    await cp.stopComponent('kube-apiserver')
    const stoppedAt = Date.now()
    tally.add('fault scenarios')
    const run = await waitForRun(t, token, id, runId, FAIL_BOUND_MS + 5_000)
    const failedAfter = Date.now() - stoppedAt
    console.log(`run failed ${failedAfter} ms after the apiserver stopped (grace ${UNREACHABLE_GRACE_MS} ms)`)
    expect(failedAfter).toBeLessThan(FAIL_BOUND_MS)
    expect(run.status).toBe('failed')
    expect(run.error).toMatch(/cannot observe the cluster/)
    expect(run.error).not.toMatch(/timed out/)
    for (const s of run.node_states as { node_id: string; state: string; message: string }[]) {
      expect(s.state, s.node_id).toBe('unknown')
      expect(s.message, s.node_id).toMatch(/cannot observe the cluster: .*(ECONNREFUSED|connect|fetch failed|refused)/i)
    }
    // The live view says the same, and the database keeps it for a reload.
    expect(events.some((e) => e.type === 'node_update' && e.state === 'unknown' && /cannot observe/.test(e.message))).toBe(true)
    const stored = await t.db.nodeStatus.findMany({ where: { workflowId: id } })
    expect(stored.every((s) => s.state === 'unknown')).toBe(true)
    // Nothing hangs: the API answers while the cluster is gone.
    expect((await t.rest('GET', `/v1/api/workflows/${id}/runs`, { token })).status).toBe(200)

    await cp.startComponent('kube-apiserver')
    const startedAt = Date.now()
    // The watcher recovers by itself: the nodes get their real health back.
    await until('web healthy again', async () => (await t.db.nodeStatus.findFirst({ where: { workflowId: id, nodeId: 'web' } }))?.state === 'healthy', RECOVERY_BOUND_MS)
    console.log(`watchers recovered ${Date.now() - startedAt} ms after the apiserver came back`)
    // …and sees new changes: an out-of-band deletion.
    await core.deleteNamespacedConfigMap({ name: 'cfg', namespace: ns })
    await until('cfg to leave healthy', async () => {
      const s = await t.db.nodeStatus.findFirst({ where: { workflowId: id, nodeId: 'cfg' } })
      return s && s.state !== 'healthy'
    }, 30_000)

    const next = await saveAndRun(false)
    const done = await waitForRun(t, token, id, next, 120_000)
    expect(done.status, JSON.stringify(done.logs.slice(-5))).toBe('completed')
    ac.abort()
    await collecting
  }, 400_000)

  it('a run started while the apiserver is down fails fast with the reason and changes nothing', async () => {
    await cp.stopComponent('kube-apiserver')
    tally.add('fault scenarios')
    try {
      const before = await t.db.nodeStatus.findMany({ where: { workflowId: id }, orderBy: { nodeId: 'asc' } })
      const started = Date.now()
      const runId = await saveAndRun(false)
      const run = await waitForRun(t, token, id, runId, 60_000)
      console.log(`run against a stopped apiserver ended in ${Date.now() - started} ms: ${run.error}`)
      expect(run.status).toBe('failed')
      const dryRun = run.logs.map((l: { message: string }) => l.message).filter((m: string) => m.startsWith('dry-run failed'))
      expect(dryRun.length).toBeGreaterThan(0)
      for (const m of dryRun) expect(m).toMatch(/ECONNREFUSED/)
      expect(run.error).toMatch(/dry-run failed .*nothing was changed/)
      expect(Date.now() - started).toBeLessThan(FAIL_BOUND_MS + 10_000)
      const logs = run.logs.map((l: { message: string }) => l.message)
      expect(logs.some((m: string) => /created|configured/.test(m))).toBe(false)
      expect(before.length).toBeGreaterThan(0)
    } finally {
      await cp.startComponent('kube-apiserver')
    }
  }, 200_000)
})
