import { CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingressHostname, loadBalancerHostname } from '../src/networking.ts'
import { createNamespace, deleteNamespace, kubeConfig, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const networking = kc.makeApiClient(NetworkingV1Api)

describe('networking stages', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('gives an Ingress a load-balancer hostname under .invalid', async () => {
    await networking.createNamespacedIngress({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          rules: [{
            host: 'web.example.test',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
          }],
        },
      },
    })
    const ingress = await waitFor('ingress address', async () => {
      const i = await networking.readNamespacedIngress({ name: 'web', namespace })
      return i.status?.loadBalancer?.ingress?.length ? i : undefined
    }, 20_000)
    expect(ingress.status!.loadBalancer!.ingress).toEqual([{ hostname: ingressHostname('web', namespace) }])
    expect(ingressHostname('web', namespace)).toMatch(/\.invalid$/)
  })

  it('gives a Service of type LoadBalancer an address, and leaves a ClusterIP Service alone', async () => {
    const ports = [{ port: 80, targetPort: 8080 }]
    await core.createNamespacedService({ namespace, body: { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports } } })
    await core.createNamespacedService({ namespace, body: { metadata: { name: 'internal' }, spec: { selector: { app: 'web' }, ports } } })
    const lb = await waitFor('load balancer address', async () => {
      const s = await core.readNamespacedService({ name: 'lb', namespace })
      return s.status?.loadBalancer?.ingress?.length ? s : undefined
    }, 20_000)
    expect(lb.status!.loadBalancer!.ingress).toEqual([{ hostname: loadBalancerHostname('lb', namespace) }])
    expect(lb.spec?.ports?.[0]?.nodePort).toBeGreaterThan(0)
    const internal = await core.readNamespacedService({ name: 'internal', namespace })
    expect(internal.status?.loadBalancer?.ingress).toBeUndefined()
  })
})
