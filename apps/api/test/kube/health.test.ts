import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HPA_METRICS_GRACE_MS } from '@kubeorch/domain'
import { FAILURE_IMAGES } from '@kubeorch/testenv'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { registerTestCluster, testClients, until, waitForRun } from './support.ts'

// Health rules that only show over time, against the real control plane: a Job retrying within
// its backoffLimit, and a crash loop observed through several kubelet cycles.

const suffix = randomBytes(3).toString('hex')
let t: TestApp
let token: string
const { core } = testClients()
const namespaces: string[] = []

type NodeUpdate = { node_id: string; state: string; message: string }

/** Collects a workflow's REST SSE stream in the background; `updates(node)` are its node_update events so far. */
async function openStream(workflowId: string) {
  const ac = new AbortController()
  const res = await t.app.handle(new Request(`http://test/v1/api/workflows/${workflowId}/status/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal }))
  expect(res.status).toBe(200)
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      text += decoder.decode(value)
    }
  })()
  return {
    updates(nodeId: string): NodeUpdate[] {
      return [...text.matchAll(/^event: node_update\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as NodeUpdate).filter((u) => u.node_id === nodeId)
    },
    async close() {
      ac.abort()
      await reader.cancel().catch(() => {})
      await reading
    },
  }
}

async function deployedWorkflow(name: string, node: Record<string, unknown>, more: Record<string, unknown>[] = [], edges: unknown[] = []) {
  const id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name, cluster_id: 'testenv' } })).body.id as string
  const ns = `health-${name}-${suffix}`
  namespaces.push(ns)
  const nodes = [{ id: 'n', ...node }, ...more].map((n, i) => ({ position: { x: i * 250, y: 0 }, ...n, data: { ...(n.data as object), namespace: ns } }))
  const saved = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { revision: 0, nodes, edges } })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
  return { id, ns }
}

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('health'))
  await registerTestCluster(t, token)
})
afterAll(async () => {
  await t.close()
  await Promise.all(namespaces.map((name) => core.deleteNamespace({ name }).catch(() => {})))
})

describe('health over time', () => {
  it('a Job whose first attempt fails and whose retry succeeds: yellow with the attempt, then the run completes green', async () => {
    const { id } = await deployedWorkflow('retry', { type: 'job', data: { name: 'migrate', image: FAILURE_IMAGES.failOnce, restartPolicy: 'OnFailure' } })
    const stream = await openStream(id)
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    expect(started.status, JSON.stringify(started.body)).toBe(202)
    const run = await waitForRun(t, token, id, started.body.run_id)
    await stream.close()

    expect(run.status, JSON.stringify(run.logs.slice(-4))).toBe('completed')
    expect(run.node_states.find((s: { node_id: string }) => s.node_id === 'n')).toMatchObject({ state: 'healthy', message: 'completed (1/1)' })
    const seen = stream.updates('n')
    // The failed attempt was shown as the Job retrying, never as a failure.
    expect(seen).toContainEqual(expect.objectContaining({ state: 'partial', message: 'attempt 2 of 7: last pod failed with exit code 1' }))
    expect(seen.filter((u) => u.state === 'error')).toEqual([])
    expect(seen.at(-1)).toMatchObject({ state: 'healthy' })
  })

  it('a crash-looping Deployment stays red across three kubelet cycles, with one status write and one event', async () => {
    const { id, ns } = await deployedWorkflow('crash', { type: 'deployment', data: { name: 'web', image: FAILURE_IMAGES.crashLoop, replicas: 1 } })
    const stream = await openStream(id)
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    const run = await waitForRun(t, token, id, started.body.run_id)
    expect(run.status).toBe('failed')
    expect(run.error).toMatch(/^node web failed: CrashLoopBackOff/)

    const restarts = async () => (await core.listNamespacedPod({ namespace: ns, labelSelector: 'kubeorch.io/node=n' })).items[0]?.status?.containerStatuses?.[0]?.restartCount ?? 0
    const firstRed = stream.updates('n').findIndex((u) => u.state === 'error')
    expect(firstRed).toBeGreaterThanOrEqual(0)
    const written = await t.db.nodeStatus.findUniqueOrThrow({ where: { workflowId_nodeId: { workflowId: id, nodeId: 'n' } } })
    expect(written.state).toBe('error')
    // Each kubelet cycle takes the container through running/terminated and back to CrashLoopBackOff.
    const from = await restarts()
    await until('three more restarts', async () => (await restarts()) >= from + 3, 90_000)
    await stream.close()

    const afterRed = stream.updates('n').slice(firstRed)
    expect(afterRed.map((u) => u.state)).toEqual(['error'])
    const now = await t.db.nodeStatus.findUniqueOrThrow({ where: { workflowId_nodeId: { workflowId: id, nodeId: 'n' } } })
    expect(now.updatedAt).toEqual(written.updatedAt)
    // The cause names the container and its exit code, not the kubelet's changing back-off delay.
    expect(now.message).toBe('CrashLoopBackOff: container "web" keeps crashing (exit code 1)')
  })

  it('an HPA whose target rolls out: it cannot read the new pods for a while, and stays yellow, never red, until it can', { timeout: 300_000 }, async () => {
    const deployment = { type: 'deployment', data: { name: 'web', image: 'nginx:1.27', replicas: 1, resources: { requests: { cpu: '100m' } } } }
    const hpa = { id: 'hpa', type: 'hpa', data: { name: 'web', minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 80 } }
    const { id } = await deployedWorkflow('rollout', deployment, [hpa], [{ id: 'e', source: 'hpa', target: 'n' }])
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    const first = await waitForRun(t, token, id, started.body.run_id)
    expect(first.status, JSON.stringify(first.logs.slice(-4))).toBe('completed')

    // Past the new-autoscaler window, so what follows is about the rollout, not the HPA's age.
    const created = Date.parse(first.started_at)
    await new Promise((r) => setTimeout(r, Math.max(0, created + HPA_METRICS_GRACE_MS + 2_000 - Date.now())))
    // A new image: a rollout, so the HPA's target gets a pod metrics-server has not scraped yet.
    const stream = await openStream(id)
    const wf = (await t.rest('GET', `/v1/api/workflows/${id}`, { token })).body
    const nodes = wf.nodes.map((n: { id: string; data: object }) => (n.id === 'n' ? { ...n, data: { ...n.data, image: 'nginx:1.28' } } : n))
    await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { revision: wf.revision, nodes, edges: wf.edges } })
    const again = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    const second = await waitForRun(t, token, id, again.body.run_id)
    expect(second.status, JSON.stringify(second.logs.slice(-4))).toBe('completed')
    // The HPA notices the rollout on its next syncs (every 5 s here) and reads the new pod's
    // metrics 10–30 s later: watch it through that.
    await until('the HPA reading the new pod', async () => {
      const seen = stream.updates('hpa')
      return seen.some((u) => u.state === 'partial') && seen.at(-1)?.state === 'healthy'
    }, 90_000).catch(() => undefined)
    await stream.close()
    const seen = stream.updates('hpa')
    expect(seen.filter((u) => u.state === 'error')).toEqual([])
    expect(seen).toContainEqual(expect.objectContaining({ state: 'partial', message: expect.stringMatching(/^waiting for metrics of its target's new pods \(FailedGetResourceMetric: /) }))
    expect(seen.at(-1)).toMatchObject({ state: 'healthy' })
  })
})
