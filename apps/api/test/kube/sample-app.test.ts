import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_SECRET_VALUES, sampleApp } from '@kubeorch/domain/testing'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { registerTestCluster, testClients, waitForRun } from './support.ts'

// The sample application: Ingress → Service → Deployment with a ConfigMap, a Secret and a
// PVC, an HPA and a NetworkPolicy — deployed and turning healthy in the real control plane.
const ns = `shop-${randomBytes(3).toString('hex')}`
let t: TestApp
let token: string
let id: string
const { kc, core, apps } = testClients()

function design() {
  const graph = sampleApp()
  for (const node of graph.nodes) {
    node.data = { ...node.data, namespace: ns }
    if (node.type === 'secret')
      node.data = { ...node.data, entries: Object.entries(SAMPLE_SECRET_VALUES['sec-1']).map(([key, value]) => ({ key, value })) }
  }
  return graph
}

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 150_000 })
  ;({ token } = await t.signUp('shopkeeper'))
  await registerTestCluster(t, token)
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'shop', cluster_id: 'testenv' } })).body.id
  const saved = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...design(), revision: 0 } })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
})
afterAll(() => t.close())

describe('the sample application', () => {
  it('runs to completed with every node healthy and the objects as rendered in the cluster', async () => {
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    const run = await waitForRun(t, token, id, started.body.run_id, 200_000)
    expect(run.status, `${run.error}\n${JSON.stringify(run.node_states.map((s: { node_id: string; state: string; message: string }) => [s.node_id, s.state, s.message]))}`).toBe('completed')
    expect(run.node_states).toHaveLength(8)
    for (const s of run.node_states) expect(s.state, `${s.node_id}: ${s.message}`).toBe('healthy')

    const dep = await apps.readNamespacedDeployment({ name: 'web', namespace: ns })
    const pod = dep.spec!.template.spec!
    expect(pod.volumes?.some((v) => v.configMap?.name === 'web-config')).toBe(true)
    expect(pod.volumes?.some((v) => v.persistentVolumeClaim?.claimName === 'uploads')).toBe(true)
    expect(pod.containers[0]!.volumeMounts?.map((m) => m.mountPath).sort()).toEqual(['/etc/shop', '/var/uploads'])
    // A Secret without a mountPath is offered as environment variables.
    expect(pod.containers[0]!.envFrom).toContainEqual({ secretRef: { name: 'web-secrets' } })
    const svc = await core.readNamespacedService({ name: 'web', namespace: ns })
    expect(svc.spec?.selector).toEqual(dep.spec?.selector?.matchLabels)
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: 'uploads', namespace: ns })
    expect(pvc.status?.phase).toBe('Bound')
    const { NetworkingV1Api, AutoscalingV2Api } = await import('@kubernetes/client-node')
    const ing = await kc.makeApiClient(NetworkingV1Api).readNamespacedIngress({ name: 'shop', namespace: ns })
    expect(ing.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.name).toBe('web')
    const np = await kc.makeApiClient(NetworkingV1Api).readNamespacedNetworkPolicy({ name: 'web-ingress', namespace: ns })
    expect(np.spec?.podSelector?.matchLabels).toEqual(dep.spec?.selector?.matchLabels)
    const hpa = await kc.makeApiClient(AutoscalingV2Api).readNamespacedHorizontalPodAutoscaler({ name: 'web', namespace: ns })
    expect(hpa.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'web' })
    // The run waited for the autoscaler to read real metrics, not just for the object to exist.
    expect(hpa.status?.conditions?.find((c) => c.type === 'ScalingActive')?.status).toBe('True')
  })
})
