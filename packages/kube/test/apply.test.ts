import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApplier, type K8sObject } from '../src/index.ts'
import { configMap, createNamespace, deleteNamespace, deployment, kubeConfig, service, waitFor } from './helpers.ts'
import { openConnections } from './sockets.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apps = kc.makeApiClient(AppsV1Api)
const applier = createApplier(kc)

const exists = (namespace: string, name: string) =>
  apps.readNamespacedDeployment({ name, namespace }).then(() => true, (err: { code?: number }) => (err.code === 404 ? false : Promise.reject(err)))

describe('Applier.dryRun', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('validates every object and changes nothing', async () => {
    const results = await applier.dryRun([deployment(namespace, 'web'), configMap(namespace, 'settings', { a: '1' })])
    expect(results).toEqual([
      { object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'web' }, ok: true, action: 'created' },
      { object: { apiVersion: 'v1', kind: 'ConfigMap', namespace, name: 'settings' }, ok: true, action: 'created' },
    ])
    expect(await exists(namespace, 'web')).toBe(false)
    const cms = await core.listNamespacedConfigMap({ namespace, fieldSelector: 'metadata.name=settings' })
    expect(cms.items).toHaveLength(0)
  })

  it('reports a per-object error with the field, and the valid objects as ok', async () => {
    const results = await applier.dryRun([
      deployment(namespace, 'bad', { containerName: 'Bad_Name' }),
      service(namespace, 'zero', 0),
      configMap(namespace, 'fine', { a: '1' }),
    ])
    expect(results[0]).toMatchObject({ ok: false, reason: 'Invalid', field: 'spec.template.spec.containers[0].name' })
    expect(results[0]!.ok === false && results[0]!.error).toMatch(/Bad_Name/)
    expect(results[1]).toMatchObject({ ok: false, reason: 'Invalid', field: 'spec.ports[0].port' })
    expect(results[2]).toMatchObject({ ok: true, action: 'created' })
    expect(await exists(namespace, 'bad')).toBe(false)
  })

  it('reports an unknown field (strict validation) instead of dropping it', async () => {
    const typo = deployment(namespace, 'typo')
    ;(typo.spec as Record<string, unknown>).replcas = 3
    const [result] = await applier.dryRun([typo])
    expect(result).toMatchObject({ ok: false })
    expect(result!.ok === false && result!.error).toMatch(/replcas/)
  })

  it('says what an apply would do to existing objects: unchanged or configured', async () => {
    await applier.apply([deployment(namespace, 'web')])
    const [same, changed] = await applier.dryRun([deployment(namespace, 'web'), deployment(namespace, 'web', { replicas: 3 })])
    expect(same).toMatchObject({ ok: true, action: 'unchanged' })
    expect(changed).toMatchObject({ ok: true, action: 'configured' })
    const live = await apps.readNamespacedDeployment({ name: 'web', namespace })
    expect(live.spec?.replicas).toBe(1)
  })

  it('validates objects whose namespace does not exist yet, without creating it', async () => {
    const missing = `${namespace}-new`
    const results = await applier.dryRun([deployment(missing, 'web'), deployment(missing, 'bad', { containerName: 'Bad_Name' })])
    expect(results[0]).toMatchObject({ ok: true, action: 'created', note: expect.stringContaining(missing) })
    expect(results[1]).toMatchObject({ ok: false, reason: 'Invalid', field: 'spec.template.spec.containers[0].name' })
    await expect(core.readNamespace({ name: missing })).rejects.toMatchObject({ code: 404 })
  })
})

describe('Applier.apply', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('creates, then reports unchanged, then configured; kubeorch owns the fields', async () => {
    const [created] = await applier.apply([deployment(namespace, 'web')])
    expect(created).toEqual({ object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'web' }, ok: true, action: 'created' })

    const [again] = await applier.apply([deployment(namespace, 'web')])
    expect(again).toMatchObject({ ok: true, action: 'unchanged' })

    const [changed] = await applier.apply([deployment(namespace, 'web', { replicas: 2 })])
    expect(changed).toMatchObject({ ok: true, action: 'configured' })

    const live = await apps.readNamespacedDeployment({ name: 'web', namespace })
    expect(live.spec?.replicas).toBe(2)
    expect(live.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual(['kubeorch', 'Apply'])
  })

  it('takes over fields another manager set (force)', async () => {
    await apps.createNamespacedDeployment({ namespace, body: deployment(namespace, 'web', { replicas: 4 }) as never, fieldManager: 'someone' })
    const [result] = await applier.apply([deployment(namespace, 'web', { replicas: 1 })])
    expect(result).toMatchObject({ ok: true, action: 'configured' })
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas).toBe(1)
  })

  it('applies 50 objects concurrently: 50 results in order, one invalid object hides nothing', async () => {
    const objects: K8sObject[] = Array.from({ length: 50 }, (_, i) => configMap(namespace, `cm-${i}`, { index: String(i) }))
    objects[17] = service(namespace, 'broken', 0)
    const results = await applier.apply(objects)
    expect(results).toHaveLength(50)
    expect(results.map((r) => r.object.name)).toEqual(objects.map((o) => o.metadata.name))
    expect(results.filter((r) => r.ok)).toHaveLength(49)
    expect(results[17]).toMatchObject({ ok: false, reason: 'Invalid', field: 'spec.ports[0].port' })
    const list = await core.listNamespacedConfigMap({ namespace, labelSelector: '' })
    expect(list.items.filter((cm) => cm.metadata?.name?.startsWith('cm-'))).toHaveLength(49)
  })

  it('prepareApply reads at once but changes nothing until apply(), with the same results as apply', async () => {
    await applier.apply([deployment(namespace, 'web'), configMap(namespace, 'same', { a: '1' })])
    const prepared = applier.prepareApply([deployment(namespace, 'web', { replicas: 3 }), configMap(namespace, 'same', { a: '1' }), configMap(namespace, 'fresh', {})])
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas).toBe(1)
    await expect(core.readNamespacedConfigMap({ name: 'fresh', namespace })).rejects.toMatchObject({ code: 404 })

    const results = await prepared.apply()
    expect(results.map((r) => [r.object.name, r.ok && r.action])).toEqual([
      ['web', 'configured'],
      ['same', 'unchanged'],
      ['fresh', 'created'],
    ])
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace })).spec?.replicas).toBe(3)
    await expect(prepared.apply()).rejects.toThrow(/once/)
  })

  it('reuses its connections: 60 requests, not 60 TLS connections', async () => {
    const apiPort = Number(new URL(kc.getCurrentCluster()!.server).port)
    // Other clients' idle keep-alive sockets close within undici's 4 s idle timeout.
    await waitFor('idle connections to close', () => (openConnections(apiPort) === 0 ? true : undefined), 15_000)
    const fresh = createApplier(kubeConfig())
    const results = await fresh.apply(Array.from({ length: 30 }, (_, i) => configMap(namespace, `reuse-${i}`, {})))
    expect(results.every((r) => r.ok)).toBe(true)
    // A GET and an apply per object, at most 8 at once, on a pool of kept-alive connections.
    expect(openConnections(apiPort)).toBeLessThanOrEqual(8)
  })

  it('an unknown kind or a malformed object is a per-object failure', async () => {
    const results = await applier.apply([
      { apiVersion: 'example.invalid/v1', kind: 'Widget', metadata: { name: 'w', namespace } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '', namespace } },
      configMap(namespace, 'ok', {}),
    ])
    expect(results[0]).toMatchObject({ ok: false })
    expect(results[1]).toMatchObject({ ok: false, reason: 'Invalid', error: 'metadata.name is required' })
    expect(results[2]).toMatchObject({ ok: true, action: 'created' })
  })
})

describe('Applier.ensureNamespaces', () => {
  const created: string[] = []
  afterEach(async () => {
    await Promise.all(created.splice(0).map((n) => deleteNamespace(core, n)))
  })

  it('creates missing namespaces once and leaves existing ones', async () => {
    const name = `kube-ns-${Date.now().toString(36)}`
    created.push(name)
    expect(await applier.ensureNamespaces([name, 'default', name])).toEqual([
      { object: { apiVersion: 'v1', kind: 'Namespace', name }, ok: true, action: 'created' },
      { object: { apiVersion: 'v1', kind: 'Namespace', name: 'default' }, ok: true, action: 'unchanged' },
    ])
    expect((await core.readNamespace({ name })).status?.phase).toBe('Active')
    expect(await applier.ensureNamespaces([name])).toMatchObject([{ ok: true, action: 'unchanged' }])
  })
})

describe('Applier.delete and listManaged', () => {
  let namespace: string
  let other: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
    other = await createNamespace(core)
  })
  afterEach(async () => {
    await Promise.all([deleteNamespace(core, namespace), deleteNamespace(core, other)])
  })

  it('finds a workflow’s objects across namespaces by label and prunes them', async () => {
    const mine = { 'app.kubernetes.io/managed-by': 'kubeorch', 'kubeorch.io/workflow': `wf-${namespace}` }
    const theirs = { 'app.kubernetes.io/managed-by': 'kubeorch', 'kubeorch.io/workflow': 'someone-else' }
    const applied = await applier.apply([
      configMap(namespace, 'a', {}, { ...mine, 'kubeorch.io/node': 'n1' }),
      deployment(other, 'web', { labels: { ...mine, 'kubeorch.io/node': 'n2' } }),
      configMap(namespace, 'keep', {}, { ...theirs, 'kubeorch.io/node': 'n3' }),
    ])
    expect(applied.every((r) => r.ok)).toBe(true)

    const selector = `kubeorch.io/workflow=wf-${namespace}`
    const found = await applier.listManaged(selector, [
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'example.invalid/v1', kind: 'Widget' },
    ])
    expect(found.map((o) => [o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name]).sort()).toEqual(
      [
        ['apps/v1', 'Deployment', other, 'web'],
        ['v1', 'ConfigMap', namespace, 'a'],
      ].sort(),
    )

    const refs = found.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace!, name: o.metadata.name }))
    const deleted = await applier.delete([...refs, { apiVersion: 'v1', kind: 'ConfigMap', namespace, name: 'never-existed' }])
    expect(deleted.map((d) => (d.ok ? d.action : d.error))).toEqual(['pruned', 'pruned', 'absent'])
    expect(await applier.listManaged(selector, [{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'apps/v1', kind: 'Deployment' }])).toEqual([])
    // The other workflow's object is untouched.
    expect((await core.readNamespacedConfigMap({ name: 'keep', namespace })).metadata?.name).toBe('keep')
  })
})
