import { AppsV1Api, CoreV1Api, type V1Pod } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FAILURE_ANNOTATION, FAILURE_IMAGES, FAILURE_MODES, UNSCHEDULABLE_REQUESTS } from '../src/index.ts'
import { createNamespace, deleteNamespace, kubeConfig, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apps = kc.makeApiClient(AppsV1Api)

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
})
