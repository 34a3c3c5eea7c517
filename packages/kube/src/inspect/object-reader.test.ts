import { CoreV1Api } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNamespace, deleteNamespace, kubeConfig } from '../../test/helpers.ts'
import { createObjectReader } from './object-reader.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
let namespace: string

beforeAll(async () => {
  namespace = await createNamespace(core, 'read-')
  await core.createNamespacedSecret({ namespace, body: { metadata: { name: 'db', labels: { app: 'x' } }, stringData: { password: 'hunter2-very-secret' } } })
  await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cfg', labels: { app: 'x' } }, data: { LEVEL: 'debug' } } })
})
afterAll(() => deleteNamespace(core, namespace))

describe('object reader', () => {
  const reader = createObjectReader(kc)

  it('lists namespaced objects by label as plain JSON with kind filled in', async () => {
    const maps = await reader.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace, labelSelector: 'app=x' })
    expect(maps.map((m) => [m.kind, m.metadata.name, (m as { data?: unknown }).data])).toEqual([['ConfigMap', 'cfg', { LEVEL: 'debug' }]])
    expect(typeof maps[0]!.metadata.creationTimestamp).toBe('string')
  })

  it('lists cluster-scoped kinds', async () => {
    const nodes = await reader.list({ apiVersion: 'v1', kind: 'Node' })
    expect(nodes.length).toBeGreaterThan(0)
    expect(nodes[0]!.kind).toBe('Node')
  })

  it('reads one object, undefined when absent', async () => {
    expect((await reader.read({ apiVersion: 'v1', kind: 'ConfigMap' }, 'cfg', namespace))?.metadata.name).toBe('cfg')
    expect(await reader.read({ apiVersion: 'v1', kind: 'ConfigMap' }, 'ghost', namespace)).toBeUndefined()
  })

  it('secret keys without values', async () => {
    const secrets = await reader.listSecretKeys(namespace)
    const db = secrets.find((s) => s.metadata.name === 'db')!
    expect((db as { data?: unknown }).data).toEqual({ password: '' })
    expect(JSON.stringify(secrets)).not.toContain(Buffer.from('hunter2-very-secret').toString('base64'))
  })
})
