import { ApiException, AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions, type V1ConfigMap } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNamespace, deleteNamespace, kubeConfig } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apps = kc.makeApiClient(AppsV1Api)
const applyPatch = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply)

const configMap = (data: Record<string, string>): V1ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data })

describe('server-side apply', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('creates and updates with a field manager, recorded in managedFields', async () => {
    const created = await core.patchNamespacedConfigMap(
      { name: 'settings', namespace, body: configMap({ a: '1' }), fieldManager: 'kubeorch', force: true },
      applyPatch,
    )
    expect(created.data).toEqual({ a: '1' })
    expect(created.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual(['kubeorch', 'Apply'])

    // Applying a config without key "a" removes it: the manager owned it.
    const updated = await core.patchNamespacedConfigMap(
      { name: 'settings', namespace, body: configMap({ b: '2' }), fieldManager: 'kubeorch', force: true },
      applyPatch,
    )
    expect(updated.data).toEqual({ b: '2' })
  })

  it('reports a conflict with another manager unless forced', async () => {
    await core.patchNamespacedConfigMap({ name: 'settings', namespace, body: configMap({ a: '1' }), fieldManager: 'kubeorch' }, applyPatch)
    const conflict = await core
      .patchNamespacedConfigMap({ name: 'settings', namespace, body: configMap({ a: 'other' }), fieldManager: 'someone-else' }, applyPatch)
      .then(() => undefined, (err: unknown) => err)
    expect(conflict).toBeInstanceOf(ApiException)
    expect((conflict as ApiException<unknown>).code).toBe(409)
  })

  it('a dry-run apply returns the result but changes nothing', async () => {
    const real = await core.patchNamespacedConfigMap(
      { name: 'settings', namespace, body: configMap({ a: '1' }), fieldManager: 'kubeorch', force: true },
      applyPatch,
    )
    const dry = await core.patchNamespacedConfigMap(
      { name: 'settings', namespace, body: configMap({ a: '2', b: 'new' }), fieldManager: 'kubeorch', force: true, dryRun: 'All' },
      applyPatch,
    )
    expect(dry.data).toEqual({ a: '2', b: 'new' })
    const after = await core.readNamespacedConfigMap({ name: 'settings', namespace })
    expect(after.data).toEqual({ a: '1' })
    // Nothing controller-owned touches ConfigMaps, so an unchanged
    // resourceVersion proves nothing was written.
    expect(after.metadata?.resourceVersion).toBe(real.metadata?.resourceVersion)
  })

  it('a dry-run apply of a Deployment leaves its spec and generation alone', async () => {
    const labels = { app: 'dry' }
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dry' },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
    }
    const real = await apps.patchNamespacedDeployment({ name: 'dry', namespace, body: deployment, fieldManager: 'kubeorch', force: true }, applyPatch)
    const dry = await apps.patchNamespacedDeployment(
      { name: 'dry', namespace, body: { ...deployment, spec: { ...deployment.spec, replicas: 5 } }, fieldManager: 'kubeorch', force: true, dryRun: 'All' },
      applyPatch,
    )
    expect(dry.spec?.replicas).toBe(5)
    expect(dry.metadata?.generation).toBe((real.metadata?.generation ?? 0) + 1)
    const after = await apps.readNamespacedDeployment({ name: 'dry', namespace })
    expect(after.spec?.replicas).toBe(1)
    expect(after.metadata?.generation).toBe(real.metadata?.generation)
  })

  it('a dry-run create persists nothing', async () => {
    const created = await core.createNamespacedConfigMap({ namespace, body: configMap({ x: '1' }), dryRun: 'All' })
    expect(created.metadata?.uid).toBeDefined()
    const list = await core.listNamespacedConfigMap({ namespace, fieldSelector: 'metadata.name=settings' })
    expect(list.items).toHaveLength(0)
  })
})
