import { PassThrough } from 'node:stream'
import { CoreV1Api, Exec, Log, type V1Status } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { appendPodLog } from '../src/index.ts'
import { createNamespace, deleteNamespace, kubeConfig, podSpec, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)

/** Collects what a stream receives, and resolves waiters once a text shows up. */
function collector() {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()))
  return {
    stream,
    text: () => text,
    until: (needle: string) => waitFor(`"${needle}" in stream`, async () => (text.includes(needle) ? text : undefined), 30_000),
  }
}

describe('pod logs and exec through kwok', () => {
  let namespace: string
  const pod = 'shell'
  beforeAll(async () => {
    namespace = await createNamespace(core)
    await core.createNamespacedPod({ namespace, body: { metadata: { name: pod }, spec: podSpec('busybox:1.36', 'main') } })
    await waitFor('pod Running', async () => {
      const p = await core.readNamespacedPod({ name: pod, namespace })
      return p.status?.phase === 'Running' ? p : undefined
    })
  })
  afterAll(async () => {
    await deleteNamespace(core, namespace)
  })

  it('reads the log', async () => {
    const marker = `read-${Date.now()}`
    await appendPodLog(inject('podLogFile'), marker)
    const text = await core.readNamespacedPodLog({ name: pod, namespace, container: 'main' })
    expect(text).toContain('testenv: container started')
    expect(text).toContain(marker)
  })

  it('follows the log: lines appended later arrive on the open stream', async () => {
    const out = collector()
    const abort = await new Log(kc).log(namespace, pod, 'main', out.stream, { follow: true, tailLines: 1 })
    try {
      const first = `follow-1-${Date.now()}`
      const second = `follow-2-${Date.now()}`
      await appendPodLog(inject('podLogFile'), first)
      await out.until(first)
      await appendPodLog(inject('podLogFile'), second)
      await out.until(second)
      expect(out.text().indexOf(first)).toBeLessThan(out.text().indexOf(second))
    } finally {
      abort.abort()
    }
  })

  it('serves --previous logs from the previous log file', async () => {
    const text = await core.readNamespacedPodLog({ name: pod, namespace, container: 'main', previous: true })
    expect(text).toContain('testenv: previous container instance')
  })

  it('execs echo through the WebSocket exec API', async () => {
    const stdout = collector()
    const stderr = collector()
    const status = await new Promise<V1Status>((resolve, reject) => {
      new Exec(kc)
        .exec(namespace, pod, 'main', ['echo', 'hello from exec'], stdout.stream, stderr.stream, null, false, resolve)
        .catch(reject)
    })
    expect(status.status).toBe('Success')
    await stdout.until('hello from exec\n')
    expect(stderr.text()).toBe('')
  })

  it('reports a failing exec command with its exit code', async () => {
    const status = await new Promise<V1Status>((resolve, reject) => {
      new Exec(kc).exec(namespace, pod, 'main', ['sh', '-c', 'exit 3'], null, null, null, false, resolve).catch(reject)
    })
    expect(status.status).toBe('Failure')
    expect(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message).toBe('3')
  })
})
