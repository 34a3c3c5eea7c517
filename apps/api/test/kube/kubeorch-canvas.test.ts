import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kubeorchCanvas, sentFields } from '../support/kubeorch-canvas.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { kubeconfigPath, testClients, waitForRun } from './support.ts'

// Issue 15 on the real control plane: a canvas as KubeOrch's UI writes it saves, reads back as
// sent, runs, and its stream carries node_update with KubeOrch's `status` object.

const ns = `ko-${randomBytes(3).toString('hex')}`
let t: TestApp
let token: string
let id: string

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('kubeorch-ui'))
  // KubeOrch's add-cluster form, KubeConfig tab.
  const cluster = await t.rest('POST', '/v1/api/clusters', {
    token,
    body: { name: 'testenv', displayName: 'Test env', server: 'https://ignored.example', authType: 'kubeconfig', credentials: { kubeconfig: readFileSync(kubeconfigPath(), 'utf8') } },
  })
  expect(cluster.status, JSON.stringify(cluster.body)).toBe(201)
  expect(cluster.body.cluster).toMatchObject({ status: 'connected', authType: 'kubeconfig', displayName: 'Test env' })
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'kubeorch canvas', cluster_id: 'testenv' } })).body.id
})
afterAll(() => t.close())

/** Reads SSE frames until `until` holds for the text read so far. */
async function readSse(res: Response, until: (text: string) => boolean, timeoutMs = 120_000) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const deadline = Date.now() + timeoutMs
  while (!until(text) && Date.now() < deadline) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value)
  }
  await reader.cancel()
  return text
}

const events = (text: string, name: string) =>
  [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].filter((m) => m[1] === name).map((m) => JSON.parse(m[2]!))

describe("a KubeOrch canvas on the control plane", () => {
  it('saves (templateId, targetApp, _linkedDeployment ids), runs, and streams node_update with its status object', async () => {
    const canvas = kubeorchCanvas(ns, { image: 'ghcr.io/example/shop:1', replicas: 2 })
    const saved = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: canvas })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    for (const node of canvas.nodes) expect(saved.body.workflow.nodes.find((n: { id: string }) => n.id === node.id).data).toMatchObject(sentFields(node.data))

    // As KubeOrch's canvas does: publish the draft, open the stream, run.
    expect((await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })).status).toBe(200)
    const ac = new AbortController()
    const stream = await t.app.handle(new Request(`http://test/v1/api/workflows/${id}/status/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: ac.signal }))
    const healthy = (text: string) =>
      events(text, 'node_update').some((e) => e.data?.node_id === 'node-1' && e.data.status.state === 'healthy' && e.data.status.readyReplicas === 2)
    // The run completes once every node is healthy; the Deployment's last update has both pods ready.
    const text = readSse(stream, (s) => s.includes('event: run_completed') && healthy(s))
    await new Promise((r) => setTimeout(r, 300))
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: { trigger_data: {} } })
    expect(started.body).toMatchObject({ message: 'Workflow execution started', status: 'running' })
    const run = await waitForRun(t, token, id, started.body.run_id)
    expect(run.status, JSON.stringify(run.logs.slice(-4))).toBe('completed')

    const updates = events(await text, 'node_update')
    ac.abort()
    const deployment = updates.filter((e) => e.data.node_id === 'node-1')
    expect(deployment.at(-1)).toMatchObject({
      event_type: 'node_update',
      stream_key: `workflow:${id}`,
      data: { node_id: 'node-1', type: 'deployment', status: { state: 'healthy', replicas: 2, readyReplicas: 2, message: expect.any(String) } },
    })
    const service = updates.filter((e) => e.data.node_id === 'node-2').at(-1)
    expect(service.data.status).toMatchObject({ state: 'healthy', clusterIP: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) })
    expect(updates.filter((e) => e.data.node_id === 'node-3').at(-1).data.status).toMatchObject({ state: 'created' })

    // In the cluster: the Service routes to the Deployment's pods, the ConfigMap is mounted.
    const { apps, core } = testClients()
    const dep = await apps.readNamespacedDeployment({ name: 'deployment-1', namespace: ns })
    expect(dep.spec?.replicas).toBe(2)
    expect(dep.spec?.template.spec?.containers[0]?.ports?.[0]?.containerPort).toBe(8080)
    expect(dep.spec?.template.spec?.volumes?.map((v) => v.configMap?.name)).toContain('configmap-3')
    const svc = await core.readNamespacedService({ name: 'service-2', namespace: ns })
    expect(svc.spec?.selector).toEqual(dep.spec?.selector?.matchLabels)
    expect(svc.spec?.ports?.[0]).toMatchObject({ port: 80, targetPort: 8080 })
    expect(JSON.stringify([dep.metadata, dep.spec, svc.metadata])).not.toMatch(/templateId|core\/deployment|_client/)
  })

  it('afterwards GET /workflows/:id answers the canvas as sent, with each node\'s last status in data._status', async () => {
    const { body } = await t.rest('GET', `/v1/api/workflows/${id}`, { token })
    const node = (nodeId: string) => body.nodes.find((n: { id: string }) => n.id === nodeId)
    for (const sent of kubeorchCanvas(ns, { image: 'ghcr.io/example/shop:1', replicas: 2 }).nodes) expect(node(sent.id).data).toMatchObject(sentFields(sent.data))
    expect(node('node-1').data._status).toMatchObject({ state: 'healthy', replicas: 2, readyReplicas: 2 })
    expect(node('node-2').data._linkedDeployment).toBe('node-1')
    expect(body).toMatchObject({ run_count: 1, success_count: 1, failure_count: 0, cluster_name: 'testenv' })
  })
})
