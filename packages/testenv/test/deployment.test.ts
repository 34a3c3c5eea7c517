import { AppsV1Api, BatchV1Api, CoreV1Api, DiscoveryV1Api, VersionApi } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNamespace, deleteNamespace, kubeConfig, podSpec, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apps = kc.makeApiClient(AppsV1Api)
const batch = kc.makeApiClient(BatchV1Api)
const discovery = kc.makeApiClient(DiscoveryV1Api)

describe('workloads on kwok nodes', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('serves a stamped v1.37.2 /version', async () => {
    const version = await kc.makeApiClient(VersionApi).getCode()
    expect(version.gitVersion).toBe('v1.37.2')
    expect(version.minor).toBe('37')
  })

  it('has Ready kwok nodes', async () => {
    const nodes = await core.listNode({ labelSelector: 'type=kwok' })
    expect(nodes.items.length).toBeGreaterThanOrEqual(1)
    for (const node of nodes.items) {
      expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True')
    }
  })

  it('rolls a Deployment out to availableReplicas, and a Service gets endpoints for its ready pods', async () => {
    const labels = { app: 'web' }
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
        },
      },
    })
    await core.createNamespacedService({
      namespace,
      body: { metadata: { name: 'web' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] } },
    })

    const deployment = await waitFor('deployment available', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace })
      return d.status?.availableReplicas === 3 ? d : undefined
    })
    expect(deployment.status?.readyReplicas).toBe(3)
    expect(deployment.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True')

    const pods = await core.listNamespacedPod({ namespace, labelSelector: 'app=web' })
    expect(pods.items).toHaveLength(3)
    for (const pod of pods.items) {
      expect(pod.status?.phase).toBe('Running')
      expect(pod.status?.podIP).toMatch(/^10\.244\./)
      expect(pod.spec?.nodeName).toMatch(/^kwok-node-/)
    }
    const podIPs = pods.items.map((p) => p.status!.podIP!).sort()

    const slices = await waitFor('endpointslice with 3 ready endpoints', async () => {
      const list = await discovery.listNamespacedEndpointSlice({ namespace, labelSelector: 'kubernetes.io/service-name=web' })
      const ready = list.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready)
      return ready.length === 3 ? ready : undefined
    })
    expect(slices.flatMap((e) => e.addresses).sort()).toEqual(podIPs)

    // v1 Endpoints are deprecated but still what many tools (and KubeOrch's diagnostics) read.
    const endpoints = await waitFor('v1 endpoints', async () => {
      const e = await core.readNamespacedEndpoints({ name: 'web', namespace })
      return e.subsets?.[0]?.addresses?.length === 3 ? e : undefined
    })
    expect(endpoints.subsets![0]!.addresses!.map((a) => a.ip).sort()).toEqual(podIPs)
  })

  it('runs a Job to completion', async () => {
    await batch.createNamespacedJob({
      namespace,
      body: {
        metadata: { name: 'once' },
        spec: { backoffLimit: 0, template: { spec: { ...podSpec('busybox:1.36'), restartPolicy: 'Never' } } },
      },
    })
    const job = await waitFor('job complete', async () => {
      const j = await batch.readNamespacedJob({ name: 'once', namespace })
      return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined
    })
    expect(job.status?.succeeded).toBe(1)
  })
})
