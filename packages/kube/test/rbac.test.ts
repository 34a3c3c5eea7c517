import { CoreV1Api } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApplier, loadKubeConfig, testConnection, watchResources, type WatchSnapshot } from '../src/index.ts'
import { configMap, createNamespace, deleteNamespace, kubeConfig, restrictedKubeconfig, waitFor } from './helpers.ts'

const admin = kubeConfig()
const core = admin.makeApiClient(CoreV1Api)

describe('a namespace-scoped user (RBAC)', () => {
  let namespace: string
  let yaml: string
  let token: string
  beforeAll(async () => {
    namespace = await createNamespace(core)
    ;({ yaml, token } = await restrictedKubeconfig(admin, namespace))
  })
  afterAll(async () => {
    await deleteNamespace(core, namespace)
  })

  it('gets Forbidden for one object while the others are applied', async () => {
    const applier = createApplier(loadKubeConfig({ kubeconfig: yaml }))
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace }, stringData: { password: 'x' } }
    const results = await applier.apply([configMap(namespace, 'a', {}), secret, configMap(namespace, 'b', {})])
    expect(results.map((r) => r.ok)).toEqual([true, false, true])
    expect(results[1]).toMatchObject({ ok: false, reason: 'Forbidden', object: { kind: 'Secret', name: 'creds', namespace } })
    expect(JSON.stringify(results)).not.toContain(token)
    await expect(core.readNamespacedSecret({ name: 'creds', namespace })).rejects.toMatchObject({ code: 404 })
  })

  it('dry-runs what it may, and reports what it may not', async () => {
    const applier = createApplier(loadKubeConfig({ kubeconfig: yaml }))
    const results = await applier.dryRun([configMap(namespace, 'c', {}), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace } }])
    expect(results[0]).toMatchObject({ ok: true, action: 'created' })
    expect(results[1]).toMatchObject({ ok: false, reason: 'Forbidden' })
  })

  it('testConnection works without node access (nodes: null)', async () => {
    const result = await testConnection(loadKubeConfig({ kubeconfig: yaml }))
    expect(result).toMatchObject({ ok: true, nodes: null })
  })

  it('watchResources reports a permission problem through onError and keeps the permitted kinds', async () => {
    const errors: Error[] = []
    const snapshots: WatchSnapshot[] = []
    const watcher = watchResources(loadKubeConfig({ kubeconfig: yaml }), {
      namespaces: [namespace],
      labelSelector: 'app=x',
      kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'Secret' }],
      related: [],
      onChange: (s) => snapshots.push(s),
      onError: (e) => errors.push(e),
    })
    try {
      await waitFor('a ConfigMap snapshot', () => snapshots.find((s) => s.kind === 'ConfigMap'))
      const error = await waitFor('a Secret watch error', () => errors.find((e) => /Secret/.test(e.message)))
      expect(error.message).toMatch(/forbidden/i)
      expect(error.message).not.toContain(token)
    } finally {
      await watcher.stop()
    }
  })
})
