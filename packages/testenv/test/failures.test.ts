import { AppsV1Api, BatchV1Api, CoreV1Api, type V1Pod } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FAILURE_ANNOTATION, FAILURE_IMAGES, FAILURE_MODES, requiresEnvImage, UNSCHEDULABLE_REQUESTS } from '../src/index.ts'
import { createNamespace, deleteNamespace, kubeConfig, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apps = kc.makeApiClient(AppsV1Api)
const batch = kc.makeApiClient(BatchV1Api)

/** Creates a pod and waits until `check` says its status reached the expected state. */
async function podReaching(namespace: string, body: V1Pod, what: string, check: (pod: V1Pod) => boolean, timeoutMs = 60_000): Promise<V1Pod> {
  await core.createNamespacedPod({ namespace, body })
  const name = body.metadata!.name!
  return waitFor(`${name}: ${what}`, async () => {
    const pod = await core.readNamespacedPod({ name, namespace })
    return check(pod) ? pod : undefined
  }, timeoutMs)
}

const waitingReason = (pod: V1Pod, container = 'app') =>
  pod.status?.containerStatuses?.find((c) => c.name === container)?.state?.waiting?.reason

describe('failure stages', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('ErrImagePull settles to ImagePullBackOff (selected by image)', async () => {
    const body = { metadata: { name: 'pull' }, spec: { containers: [{ name: 'app', image: FAILURE_IMAGES.errImagePull }] } }
    const first = await podReaching(namespace, body, 'ErrImagePull or later', (p) => ['ErrImagePull', 'ImagePullBackOff'].includes(waitingReason(p) ?? ''))
    expect(first.status?.phase).toBe('Pending')
    const pod = await waitFor('ImagePullBackOff', async () => {
      const p = await core.readNamespacedPod({ name: 'pull', namespace })
      return waitingReason(p) === 'ImagePullBackOff' ? p : undefined
    })
    expect(pod.status?.phase).toBe('Pending')
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False')
    const events = await core.listNamespacedEvent({ namespace, fieldSelector: 'involvedObject.name=pull' })
    expect(events.items.map((e) => e.reason)).toContain('Failed')
  })

  it('CrashLoopBackOff with restarts and a terminated exit code (selected by image, only that container)', async () => {
    const body = {
      metadata: { name: 'crash' },
      spec: { containers: [{ name: 'app', image: FAILURE_IMAGES.crashLoop }, { name: 'sidecar', image: 'busybox:1.36' }] },
    }
    const pod = await podReaching(namespace, body, 'CrashLoopBackOff', (p) => waitingReason(p) === 'CrashLoopBackOff')
    const app = pod.status!.containerStatuses!.find((c) => c.name === 'app')!
    expect(pod.status?.phase).toBe('Running')
    expect(app.restartCount).toBeGreaterThanOrEqual(1)
    expect(app.ready).toBe(false)
    expect(app.lastState?.terminated).toMatchObject({ reason: 'Error', exitCode: 1 })
    const sidecar = pod.status!.containerStatuses!.find((c) => c.name === 'sidecar')!
    expect(sidecar.ready).toBe(true)
    expect(sidecar.state?.running).toBeDefined()
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False')

    // The loop goes on: back-off, "run" and die again, one more restart.
    const later = await waitFor('a second restart', async () => {
      const p = await core.readNamespacedPod({ name: 'crash', namespace })
      const app = p.status?.containerStatuses?.find((c) => c.name === 'app')
      return (app?.restartCount ?? 0) >= 2 ? p : undefined
    }, 45_000)
    expect(later.status!.containerStatuses!.find((c) => c.name === 'app')!.lastState?.terminated?.exitCode).toBe(1)
  })

  it('OOMKilled (selected by annotation, on a Deployment pod)', async () => {
    const labels = { app: 'oom' }
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'oom' },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels, annotations: { [FAILURE_ANNOTATION]: FAILURE_MODES.oomKilled } },
            spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
          },
        },
      },
    })
    const pod = await waitFor('OOMKilled pod', async () => {
      const list = await core.listNamespacedPod({ namespace, labelSelector: 'app=oom' })
      return list.items.find((p) => {
        const c = p.status?.containerStatuses?.[0]
        return c?.lastState?.terminated?.reason === 'OOMKilled' || c?.state?.terminated?.reason === 'OOMKilled'
      })
    })
    const status = pod.status!.containerStatuses![0]!
    const terminated = status.lastState?.terminated ?? status.state?.terminated
    expect(terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 })
    const deployment = await apps.readNamespacedDeployment({ name: 'oom', namespace })
    expect(deployment.status?.availableReplicas ?? 0).toBe(0)
  })

  it('a pod requesting more than any node has stays Pending as Unschedulable', async () => {
    const body = {
      metadata: { name: 'huge' },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { ...UNSCHEDULABLE_REQUESTS } } }] },
    }
    const pod = await podReaching(namespace, body, 'PodScheduled=False', (p) =>
      p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False') ?? false)
    const scheduled = pod.status!.conditions!.find((c) => c.type === 'PodScheduled')!
    expect(scheduled.reason).toBe('Unschedulable')
    expect(scheduled.message).toMatch(/Insufficient (cpu|memory)/)
    expect(pod.status?.phase).toBe('Pending')
    expect(pod.spec?.nodeName).toBeUndefined()
  })

  it('image-pull-unauthorized: ErrImagePull with the registry’s 401, unless the pod has imagePullSecrets', async () => {
    const image = FAILURE_IMAGES.imagePullUnauthorized
    const refused = await podReaching(namespace, { metadata: { name: 'anon' }, spec: { containers: [{ name: 'app', image }] } }, 'ErrImagePull', (p) => ['ErrImagePull', 'ImagePullBackOff'].includes(waitingReason(p) ?? ''))
    const message = refused.status!.containerStatuses![0]!.state?.waiting?.message ?? ''
    if (waitingReason(refused) === 'ErrImagePull') expect(message).toMatch(/401 Unauthorized/)
    const events = await waitFor('the Failed event', async () => {
      const list = await core.listNamespacedEvent({ namespace, fieldSelector: 'involvedObject.name=anon' })
      return list.items.find((e) => e.reason === 'Failed')
    })
    expect(events.message).toMatch(/401 Unauthorized/)
    const served = await podReaching(namespace, { metadata: { name: 'authed' }, spec: { imagePullSecrets: [{ name: 'regcred' }], containers: [{ name: 'app', image }] } }, 'Ready', (p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false)
    expect(served.status?.phase).toBe('Running')
  })

  it('fail-once: the first run exits 1, the restarted container becomes ready (restartPolicy Always)', async () => {
    const body = { metadata: { name: 'once' }, spec: { containers: [{ name: 'app', image: FAILURE_IMAGES.failOnce }] } }
    const backOff = await podReaching(namespace, body, 'CrashLoopBackOff', (p) => waitingReason(p) === 'CrashLoopBackOff')
    expect(backOff.status!.containerStatuses![0]).toMatchObject({ restartCount: 1, ready: false, lastState: { terminated: { reason: 'Error', exitCode: 1 } } })
    const ready = await waitFor('ready after the retry', async () => {
      const p = await core.readNamespacedPod({ name: 'once', namespace })
      return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? p : undefined
    })
    expect(ready.status!.containerStatuses![0]).toMatchObject({ restartCount: 1, ready: true, lastState: { terminated: { exitCode: 1 } } })
    expect(ready.status!.containerStatuses![0]!.state?.running).toBeDefined()
  })

  it('fail-once in a Job (OnFailure): the controller counts one failed attempt, then the Job completes', async () => {
    await batch.createNamespacedJob({
      namespace,
      body: { metadata: { name: 'once' }, spec: { backoffLimit: 3, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'app', image: FAILURE_IMAGES.failOnce }] } } } },
    })
    const job = await waitFor('Job Complete', async () => {
      const j = await batch.readNamespacedJob({ name: 'once', namespace })
      return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined
    }, 60_000)
    expect(job.status?.succeeded).toBe(1)
    const pods = await core.listNamespacedPod({ namespace, labelSelector: 'batch.kubernetes.io/job-name=once' })
    expect(pods.items.map((p) => [p.status?.phase, p.status?.containerStatuses?.[0]?.restartCount])).toEqual([['Succeeded', 1]])
  })

  it('crash modes with restartPolicy Never: the pod fails for good, and a Job retries with a new pod up to its backoffLimit', async () => {
    await batch.createNamespacedJob({
      namespace,
      body: { metadata: { name: 'never' }, spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: FAILURE_IMAGES.oomKilled }] } } } },
    })
    const job = await waitFor('Job Failed', async () => {
      const j = await batch.readNamespacedJob({ name: 'never', namespace })
      return j.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') ? j : undefined
    }, 90_000)
    expect(job.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded')
    const pods = await core.listNamespacedPod({ namespace, labelSelector: 'batch.kubernetes.io/job-name=never' })
    expect(pods.items).toHaveLength(2)
    for (const pod of pods.items) {
      expect(pod.status?.phase).toBe('Failed')
      expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 })
    }
  })

  it('requires-env: crash-loops naming the variable in the termination message, runs once the container has it', async () => {
    const image = requiresEnvImage('DATABASE_URL')
    const crashing = await podReaching(namespace, { metadata: { name: 'noenv' }, spec: { containers: [{ name: 'app', image }] } }, 'CrashLoopBackOff', (p) => waitingReason(p) === 'CrashLoopBackOff')
    expect(crashing.status!.containerStatuses![0]!.lastState?.terminated).toMatchObject({ exitCode: 1, message: 'fatal: environment variable DATABASE_URL is not set' })
    const other = { name: 'app', image, env: [{ name: 'DATABASE_URL_OLD', value: 'x' }] }
    await podReaching(namespace, { metadata: { name: 'similar' }, spec: { containers: [other] } }, 'CrashLoopBackOff', (p) => waitingReason(p) === 'CrashLoopBackOff')
    const fine = { name: 'app', image, env: [{ name: 'DATABASE_URL', value: '' }] }
    const ready = await podReaching(namespace, { metadata: { name: 'withenv' }, spec: { containers: [fine] } }, 'Ready', (p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false)
    expect(ready.status!.containerStatuses![0]!.restartCount).toBe(0)
  })

  it('a liveness probe on a port the container does not declare: killed (137) with an Unhealthy event, in a loop; on its port it runs', async () => {
    const probed = (port: number | string) => ({ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }], livenessProbe: { tcpSocket: { port } } })
    const killed = await podReaching(namespace, { metadata: { name: 'wrongport' }, spec: { containers: [probed(9090)] } }, 'CrashLoopBackOff', (p) => waitingReason(p) === 'CrashLoopBackOff')
    expect(killed.status!.containerStatuses![0]!.lastState?.terminated).toMatchObject({ reason: 'Error', exitCode: 137 })
    const events = await core.listNamespacedEvent({ namespace, fieldSelector: 'involvedObject.name=wrongport' })
    expect(events.items.find((e) => e.reason === 'Unhealthy')?.message).toMatch(/^Liveness probe failed: .*connection refused/)
    for (const [name, port] of [['byname', 'http'], ['bynumber', 8080]] as const) {
      const ready = await podReaching(namespace, { metadata: { name }, spec: { containers: [probed(port)] } }, 'Ready', (p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false)
      expect(ready.status?.phase).toBe('Running')
    }
  })

  it('a missing ConfigMap, Secret or key: CreateContainerConfigError (environment) or ContainerCreating with FailedMount (volume), with the kubelet’s message and event, until it exists; optional references never fail', async () => {
    const ready = (p: V1Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
    const read = (name: string) => core.readNamespacedPod({ name, namespace })
    const app = (extra: Record<string, unknown>) => ({ containers: [{ name: 'app', image: 'nginx:1.27', ...extra }] })

    const envFrom = await podReaching(namespace, { metadata: { name: 'envfrom' }, spec: app({ envFrom: [{ configMapRef: { name: 'settings' } }] }) }, 'CreateContainerConfigError', (p) => waitingReason(p) === 'CreateContainerConfigError')
    expect(envFrom.status!.containerStatuses![0]!.state?.waiting?.message).toBe('configmap "settings" not found')
    const keyRef = { env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'flags', key: 'MODE' } } }] }
    const key = await podReaching(namespace, { metadata: { name: 'key' }, spec: app(keyRef) }, 'CreateContainerConfigError', (p) => waitingReason(p) === 'CreateContainerConfigError')
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'flags' }, data: { OTHER: '1' } } })
    const volume = { ...app({ volumeMounts: [{ name: 'creds', mountPath: '/creds' }] }), volumes: [{ name: 'creds', secret: { secretName: 'creds' } }] }
    await podReaching(namespace, { metadata: { name: 'volume' }, spec: volume }, 'ContainerCreating', (p) => waitingReason(p) === 'ContainerCreating')
    const optional = app({ envFrom: [{ secretRef: { name: 'absent', optional: true } }] })
    await podReaching(namespace, { metadata: { name: 'optional' }, spec: optional }, 'Ready', ready)
    expect(key.status!.containerStatuses![0]!.state?.waiting?.message).toBe('configmap "flags" not found')

    const events = await waitFor('the kubelet events', async () => {
      const list = (await core.listNamespacedEvent({ namespace })).items
      const of = (pod: string, reason: string) => list.find((e) => e.involvedObject?.name === pod && e.reason === reason)
      const all = [of('envfrom', 'Failed'), of('volume', 'FailedMount')]
      return all.every(Boolean) ? all : undefined
    })
    expect(events.map((e) => e!.message)).toEqual(['Error: configmap "settings" not found', 'MountVolume.SetUp failed for volume "creds" : secret "creds" not found'])
    expect(events[0]!.involvedObject?.uid).toBe(envFrom.metadata?.uid)

    // The kubelet retries: once the config exists, each pod starts, without being recreated.
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'settings' }, data: { A: '1' } } })
    await core.createNamespacedSecret({ namespace, body: { metadata: { name: 'creds' }, stringData: { token: 't' } } })
    await waitFor('envfrom and volume ready', async () => ((await Promise.all(['envfrom', 'volume'].map(read))).every(ready) ? true : undefined), 30_000)
    expect(waitingReason(await read('key'))).toBe('CreateContainerConfigError')
    await core.replaceNamespacedConfigMap({ name: 'flags', namespace, body: { metadata: { name: 'flags' }, data: { OTHER: '1', MODE: 'fast' } } })
    const started = await waitFor('key ready', async () => { const p = await read('key'); return ready(p) ? p : undefined }, 30_000)
    expect(started.metadata?.uid).toBe(key.metadata?.uid)
  })
})
