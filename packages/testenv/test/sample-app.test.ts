import {
  ApiregistrationV1Api, AppsV1Api, AutoscalingV2Api, CoreV1Api, CustomObjectsApi, NetworkingV1Api,
  type V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { metricsApiAvailable, NODE_BASE_USAGE, POD_USAGE } from '../src/metrics.ts'
import { createNamespace, deleteNamespace, kubeConfig, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apps = kc.makeApiClient(AppsV1Api)
const autoscaling = kc.makeApiClient(AutoscalingV2Api)
const networking = kc.makeApiClient(NetworkingV1Api)
const apiregistration = kc.makeApiClient(ApiregistrationV1Api)
const custom = kc.makeApiClient(CustomObjectsApi)

interface PodMetrics {
  metadata: { name: string; namespace: string }
  window: string
  containers: { name: string; usage: { cpu: string; memory: string } }[]
}

function condition(hpa: V2HorizontalPodAutoscaler, type: string) {
  return hpa.status?.conditions?.find((c) => c.type === type)
}

/**
 * The run engine's sample app: Ingress → Service → Deployment with a
 * ConfigMap, a Secret and a PVC, an HPA and a NetworkPolicy. Each part must
 * reach the state the health rules (packages/domain/src/health) call green.
 */
describe('sample app', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('becomes healthy: ingress address, bound PVC, ready pods, pod metrics, an active HPA', async () => {
    const labels = { app: 'shop' }
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'shop-config' }, data: { MODE: 'demo' } } })
    await core.createNamespacedSecret({ namespace, body: { metadata: { name: 'shop-secret' }, stringData: { TOKEN: 'not-a-secret' } } })
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: { metadata: { name: 'shop-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    })
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'shop' },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{
                name: 'shop',
                image: 'nginx:1.27',
                ports: [{ containerPort: 80 }],
                envFrom: [{ configMapRef: { name: 'shop-config' } }, { secretRef: { name: 'shop-secret' } }],
                resources: { requests: { cpu: '100m', memory: '64Mi' } },
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              }],
              volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'shop-data' } }],
            },
          },
        },
      },
    })
    await core.createNamespacedService({ namespace, body: { metadata: { name: 'shop' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] } } })
    await networking.createNamespacedIngress({
      namespace,
      body: {
        metadata: { name: 'shop' },
        spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop', port: { number: 80 } } } }] } }] },
      },
    })
    await networking.createNamespacedNetworkPolicy({
      namespace,
      body: {
        metadata: { name: 'shop' },
        spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80 }] }] },
      },
    })
    await autoscaling.createNamespacedHorizontalPodAutoscaler({
      namespace,
      body: {
        metadata: { name: 'shop' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' },
          minReplicas: 2,
          maxReplicas: 4,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
        },
      },
    })

    const ingress = await waitFor('ingress address', async () => {
      const i = await networking.readNamespacedIngress({ name: 'shop', namespace })
      return i.status?.loadBalancer?.ingress?.[0]?.hostname
    }, 20_000)
    expect(ingress).toMatch(/\.invalid$/)
    await waitFor('PVC Bound', async () => {
      const c = await core.readNamespacedPersistentVolumeClaim({ name: 'shop-data', namespace })
      return c.status?.phase === 'Bound' ? true : undefined
    }, 30_000)
    await waitFor('deployment available', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'shop', namespace })
      return d.status?.availableReplicas === 2 ? true : undefined
    }, 60_000)

    // metrics-server starts in the background: wait for the aggregator to see it.
    await waitFor('APIService v1beta1.metrics.k8s.io Available', async () => (await metricsApiAvailable(apiregistration)) || undefined, 60_000)
    const metrics = await waitFor('pod metrics for both pods', async () => {
      const list = await custom.listNamespacedCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', namespace, plural: 'pods' }) as { items: PodMetrics[] }
      return list.items.length === 2 ? list.items : undefined
    }, 60_000)
    for (const pod of metrics) {
      expect(pod.metadata.name).toMatch(/^shop-/)
      expect(pod.containers).toHaveLength(1)
      expect(pod.containers[0]!.name).toBe('shop')
      expect(parseBytes(pod.containers[0]!.usage.memory)).toBe(parseBytes(POD_USAGE.memory))
      // A rate from two samples of kwok's cumulative counter, taken ~10 s
      // apart with some jitter: about POD_USAGE.cpu (10m).
      const cpu = parseCpuMillis(pod.containers[0]!.usage.cpu)
      expect(cpu).toBeGreaterThan(parseCpuMillis(POD_USAGE.cpu) * 0.8)
      expect(cpu).toBeLessThan(parseCpuMillis(POD_USAGE.cpu) * 1.2)
    }

    // `kubectl top nodes`: every node reports, idle ones too (a base usage, see kwok/metrics.yaml).
    const nodes = await core.listNode({ labelSelector: 'type=kwok' })
    const nodeMetrics = await waitFor('node metrics for every node', async () => {
      const list = await custom.listClusterCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', plural: 'nodes' }) as { items: { metadata: { name: string }; usage: { cpu: string } }[] }
      return list.items.length === nodes.items.length ? list.items : undefined
    }, 30_000)
    for (const node of nodeMetrics) expect(parseCpuMillis(node.usage.cpu)).toBeGreaterThanOrEqual(NODE_BASE_USAGE.cpuCores * 1000 - 1)

    const hpa = await waitFor('HPA AbleToScale and ScalingActive', async () => {
      const h = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'shop', namespace })
      return condition(h, 'AbleToScale')?.status === 'True' && condition(h, 'ScalingActive')?.status === 'True' ? h : undefined
    }, 90_000)
    expect(condition(hpa, 'ScalingActive')?.reason).toBe('ValidMetricFound')
    const current = await waitFor('HPA current utilization', async () => {
      const h = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'shop', namespace })
      return h.status?.currentMetrics?.[0]?.resource?.current.averageUtilization
    }, 30_000)
    // 10m used of 100m requested, give or take the sampling jitter.
    expect(current).toBeGreaterThanOrEqual(8)
    expect(current).toBeLessThanOrEqual(12)
  }, 240_000)
})

/** "10m" → 10, "10123456n" → 10.12, "1" → 1000. */
function parseCpuMillis(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(n|u|m)?$/.exec(q)
  if (!m) throw new Error(`unexpected cpu quantity ${q}`)
  const v = Number(m[1])
  return m[2] === 'n' ? v / 1e6 : m[2] === 'u' ? v / 1e3 : m[2] === 'm' ? v : v * 1000
}

/** "16Mi" → 16777216, "16384Ki" → 16777216, "1000" → 1000. */
function parseBytes(q: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q)
  if (!m) throw new Error(`unexpected memory quantity ${q}`)
  return Number(m[1]) * (m[2] ? 1024 ** (['Ki', 'Mi', 'Gi'].indexOf(m[2]) + 1) : 1)
}
