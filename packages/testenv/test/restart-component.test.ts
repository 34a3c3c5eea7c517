import { CoreV1Api, KubeConfig } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startControlPlane, type ControlPlane } from '../src/index.ts'
import { waitFor } from './helpers.ts'

// A control plane of its own (the shared one must not go down under other tests): the
// kube-apiserver is stopped and started again on the same port, with the same certificates and
// the same etcd data, as a fault test needs it.
let cp: ControlPlane
let core: CoreV1Api

beforeAll(async () => {
  cp = await startControlPlane({ nodes: 1 })
  const kc = new KubeConfig()
  kc.loadFromString(cp.kubeconfig)
  core = kc.makeApiClient(CoreV1Api)
})
afterAll(() => cp?.stop())

describe('stopComponent / startComponent', () => {
  it('the apiserver goes away and comes back on the same address with its data', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'before-outage' }, data: { a: '1' } } })
    await cp.stopComponent('kube-apiserver')
    await expect(core.readNamespacedConfigMap({ name: 'before-outage', namespace: 'default' })).rejects.toThrow(/fetch failed|ECONNREFUSED/)
    await cp.startComponent('kube-apiserver')
    const cm = await core.readNamespacedConfigMap({ name: 'before-outage', namespace: 'default' })
    expect(cm.data).toEqual({ a: '1' })
    // Controllers reconnect by themselves: a new namespace gets its default ServiceAccount.
    await core.createNamespace({ body: { metadata: { name: 'after-outage' } } })
    await waitFor('the default ServiceAccount', async () => (await core.readNamespacedServiceAccount({ name: 'default', namespace: 'after-outage' })).metadata?.name, 60_000)
  })

  it('starting a running component is a no-op', async () => {
    await cp.startComponent('kube-apiserver')
    expect((await core.listNamespace()).items.length).toBeGreaterThan(0)
  })
})
