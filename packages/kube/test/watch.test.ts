import { CoreV1Api } from '@kubernetes/client-node'
import { FAILURE_IMAGES } from '@kubeorch/testenv'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApplier, type K8sObject, watchResources, type WatchSnapshot } from '../src/index.ts'
import { configMap, createNamespace, deleteNamespace, deployment, kubeConfig, labelsFor, service, waitFor } from './helpers.ts'
import { openConnections } from './sockets.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const applier = createApplier(kc)
const apiPort = Number(new URL(kc.getCurrentCluster()!.server).port)

/** Records snapshots; `latest(kind)` is the last one seen for that kind. */
function recorder() {
  const snapshots: WatchSnapshot[] = []
  const errors: Error[] = []
  return {
    snapshots,
    errors,
    onChange: (s: WatchSnapshot) => snapshots.push(s),
    onError: (e: Error) => errors.push(e),
    latest: (kind: string) => snapshots.filter((s) => s.kind === kind).at(-1),
    until: <T>(what: string, kind: string, pick: (objects: K8sObject[]) => T | undefined, timeoutMs?: number) =>
      waitFor(what, () => {
        const s = snapshots.filter((x) => x.kind === kind).at(-1)
        return s ? pick(s.objects) : undefined
      }, timeoutMs),
  }
}

// What the API passes for health (the domain's RELATED_TYPES); kube itself knows no kinds.
const HEALTH_RELATED = [
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
  { apiVersion: 'v1', kind: 'Event' },
]
const status = (o: K8sObject) => (o as { status?: Record<string, unknown> }).status ?? {}
const waitingReasons = (pod: K8sObject) =>
  ((status(pod).containerStatuses as { state?: { waiting?: { reason?: string } } }[] | undefined) ?? []).map((c) => c.state?.waiting?.reason)

describe('watchResources', () => {
  let namespace: string
  let workflow: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
    workflow = `wf-${namespace}`
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('reports a Deployment becoming available, with its pods, ReplicaSet, EndpointSlice and events', async () => {
    const rec = recorder()
    const watcher = watchResources(kc, {
      namespaces: [namespace],
      labelSelector: `kubeorch.io/workflow=${workflow}`,
      kinds: [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'Service' }],
      related: HEALTH_RELATED,
      onChange: rec.onChange,
      onError: rec.onError,
    })
    try {
      // First snapshots say "observed, none" before anything exists.
      await rec.until('empty Deployment snapshot', 'Deployment', (objects) => (objects.length === 0 ? true : undefined))
      const results = await applier.apply([
        deployment(namespace, 'web', { replicas: 2, labels: labelsFor(workflow, 'n1') }),
        service(namespace, 'web', 80, labelsFor(workflow, 'n2')),
        deployment(namespace, 'unrelated'),
      ])
      expect(results.every((r) => r.ok)).toBe(true)

      const available = await rec.until('availableReplicas 2', 'Deployment', (objects) => objects.find((o) => status(o).availableReplicas === 2))
      expect(available).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace } })
      const pods = await rec.until('2 running pods', 'Pod', (objects) => (objects.filter((p) => status(p).phase === 'Running').length === 2 ? objects : undefined))
      expect(pods.every((p) => p.metadata.labels?.['kubeorch.io/workflow'] === workflow)).toBe(true)
      await rec.until('a ReplicaSet', 'ReplicaSet', (objects) => objects[0])
      const slice = await rec.until('an EndpointSlice with ready endpoints', 'EndpointSlice', (objects) =>
        objects.find((s) => ((s as { endpoints?: { conditions?: { ready?: boolean } }[] }).endpoints ?? []).some((e) => e.conditions?.ready)),
      )
      expect(slice.metadata.labels?.['kubernetes.io/service-name']).toBe('web')
      const events = await rec.until('events about the deployment', 'Event', (objects) => (objects.length ? objects : undefined))
      expect(events.every((e) => ['web', 'Deployment', 'ReplicaSet', 'Pod'].some((n) => JSON.stringify((e as { involvedObject?: unknown }).involvedObject).includes(n)))).toBe(true)
      // Only the workflow's objects: the unlabelled Deployment never shows up.
      expect(rec.snapshots.filter((s) => s.kind === 'Deployment').flatMap((s) => s.objects.map((o) => o.metadata.name))).not.toContain('unrelated')
      expect(rec.errors).toEqual([])
    } finally {
      await watcher.stop()
    }
  })

  it('reports a pod of a failing image with its waiting reason', async () => {
    const rec = recorder()
    const watcher = watchResources(kc, {
      namespaces: [namespace],
      labelSelector: `kubeorch.io/workflow=${workflow}`,
      kinds: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
      related: HEALTH_RELATED,
      onChange: rec.onChange,
      onError: rec.onError,
    })
    try {
      await applier.apply([deployment(namespace, 'broken', { image: FAILURE_IMAGES.errImagePull, labels: labelsFor(workflow, 'n1') })])
      const pod = await rec.until('ErrImagePull', 'Pod', (objects) => objects.find((p) => waitingReasons(p).some((r) => r === 'ErrImagePull' || r === 'ImagePullBackOff')))
      expect(status(pod).phase).toBe('Pending')
      const deploymentNow = rec.latest('Deployment')!.objects[0]!
      expect(status(deploymentNow).availableReplicas ?? 0).toBe(0)
    } finally {
      await watcher.stop()
    }
  })

  it('reports deletions and follows several namespaces in one snapshot', async () => {
    const second = await createNamespace(core)
    const rec = recorder()
    const watcher = watchResources(kc, {
      namespaces: [namespace, second],
      labelSelector: `kubeorch.io/workflow=${workflow}`,
      kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
      related: [],
      onChange: rec.onChange,
      onError: rec.onError,
    })
    try {
      await applier.apply([configMap(namespace, 'a', {}, labelsFor(workflow, 'n1')), configMap(second, 'b', {}, labelsFor(workflow, 'n2'))])
      await rec.until('both ConfigMaps', 'ConfigMap', (objects) => (objects.length === 2 ? objects : undefined))
      await applier.delete([{ apiVersion: 'v1', kind: 'ConfigMap', namespace: second, name: 'b' }])
      const left = await rec.until('one ConfigMap left', 'ConfigMap', (objects) => (objects.length === 1 ? objects : undefined))
      expect(left[0]!.metadata).toMatchObject({ name: 'a', namespace })
      expect(new Set(rec.snapshots.map((s) => s.kind))).toEqual(new Set(['ConfigMap']))
    } finally {
      await watcher.stop()
      await deleteNamespace(core, second)
    }
  })

  it('reports a lone change at once and gathers a burst within the window into few reports', async () => {
    const rec = recorder()
    const watcher = watchResources(kc, {
      namespaces: [namespace],
      labelSelector: `kubeorch.io/workflow=${workflow}`,
      kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
      related: [],
      debounceMs: 2_000,
      onChange: rec.onChange,
      onError: rec.onError,
    })
    try {
      await rec.until('the initial list', 'ConfigMap', () => true)
      await new Promise((resolve) => setTimeout(resolve, 2_100)) // quiet for a whole window
      const before = rec.snapshots.length
      const t0 = performance.now()
      await applier.apply([configMap(namespace, 'lone', {}, labelsFor(workflow, 'n1'))])
      await rec.until('the lone ConfigMap', 'ConfigMap', (objects) => (objects.length === 1 ? true : undefined))
      // Not held back for the 2 s window: a quiet watcher reports its first change at once.
      expect(performance.now() - t0).toBeLessThan(1_000)
      expect(rec.snapshots.length).toBe(before + 1)

      for (let i = 0; i < 5; i++) await applier.apply([configMap(namespace, `burst-${i}`, {}, labelsFor(workflow, `b${i}`))])
      await rec.until('every burst ConfigMap', 'ConfigMap', (objects) => (objects.length === 6 ? true : undefined), 10_000)
      // Five changes inside one window after a report: gathered, not reported one by one.
      expect(rec.snapshots.length - (before + 1)).toBeLessThanOrEqual(2)
      expect(rec.errors).toEqual([])
    } finally {
      await watcher.stop()
    }
  })

  it('stop() ends every watch: no connection left and no callback afterwards', async () => {
    const baseline = await waitFor('idle connections to close', () => (openConnections(apiPort) === 0 ? 0 : undefined), 15_000)
    expect(baseline).toBe(0)
    const rec = recorder()
    const kinds = [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'Service' }, { apiVersion: 'v1', kind: 'ConfigMap' }]
    const watcher = watchResources(kc, { namespaces: [namespace], labelSelector: `kubeorch.io/workflow=${workflow}`, kinds, related: HEALTH_RELATED, onChange: rec.onChange, onError: rec.onError })
    // 3 kinds + Pod, ReplicaSet, EndpointSlice, Event: 7 watches, each its own connection.
    await rec.until('first ConfigMap snapshot', 'ConfigMap', () => true)
    const during = await waitFor('7 watch connections', () => {
      const n = openConnections(apiPort)
      return n >= 7 ? n : undefined
    }, 15_000)
    expect(during).toBeGreaterThanOrEqual(7)

    const stopping = Date.now()
    await watcher.stop()
    // Promptly: the watches are aborted, not left to the server's timeout (20-28 s).
    expect(Date.now() - stopping).toBeLessThan(3_000)
    const seen = rec.snapshots.length
    // Watches are aborted at once; list requests' keep-alive sockets close within undici's 4 s idle timeout.
    await waitFor('no connection left', () => (openConnections(apiPort) === 0 ? true : undefined), 8_000)

    await createApplier(kubeConfig()).apply([configMap(namespace, 'late', {}, labelsFor(workflow, 'n9'))])
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(rec.snapshots.length).toBe(seen)
    expect(rec.errors).toEqual([])
    await waitFor('no connection left after the late apply', () => (openConnections(apiPort) === 0 ? true : undefined), 8_000)
  })
})
