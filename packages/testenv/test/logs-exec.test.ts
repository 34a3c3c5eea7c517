import { PassThrough } from 'node:stream'
import { CoreV1Api, Exec, Log, type V1Status } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
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
  // Each test gets its own namespace with one running pod.
  let namespace: string
  const pod = 'shell'
  beforeEach(async () => {
    namespace = await createNamespace(core)
    await core.createNamespacedPod({ namespace, body: { metadata: { name: pod }, spec: podSpec('busybox:1.36', 'main') } })
    await waitFor('pod Running', async () => {
      const p = await core.readNamespacedPod({ name: pod, namespace })
      return p.status?.phase === 'Running' ? p : undefined
    })
  })
  afterEach(async () => {
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
    const before = `follow-0-${Date.now()}`
    const first = `follow-1-${Date.now()}`
    const second = `follow-2-${Date.now()}`
    await appendPodLog(inject('podLogFile'), before)
    const out = collector()
    const ended = new Promise((resolve) => out.stream.on('finish', resolve))
    // limitBytes makes the server end the stream after the three lines.
    // Aborting instead would raise an uncaught AbortError: client-node 2.0.1's
    // Log.log pipes the response without an error handler.
    const limitBytes = [before, first, second].reduce((n, line) => n + line.length + 1, 0)
    await new Log(kc).log(namespace, pod, 'main', out.stream, { follow: true, tailLines: 1, limitBytes })
    await out.until(before)
    expect(out.text()).not.toContain(first)
    await appendPodLog(inject('podLogFile'), first)
    await out.until(first)
    await appendPodLog(inject('podLogFile'), second)
    await out.until(second)
    await ended
    expect(out.text()).toBe(`${before}\n${first}\n${second}\n`)
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

  it('runs an interactive shell with a TTY (stdin in, output back)', async () => {
    const stdout = collector()
    const stdin = new PassThrough()
    const done = new Promise<V1Status>((resolve, reject) => {
      new Exec(kc).exec(namespace, pod, 'main', ['/bin/sh'], stdout.stream, null, stdin, true, resolve).catch(reject)
    })
    stdin.write('echo "tty=$(tty >/dev/null && echo yes)"\n')
    await stdout.until('tty=yes')
    stdin.write('exit\n')
    expect((await done).status).toBe('Success')
  })

  it('reports a failing exec command as a Failure status', async () => {
    const status = await new Promise<V1Status>((resolve, reject) => {
      // At least one stream is required: the apiserver refuses an exec without stdin, stdout or stderr.
      new Exec(kc).exec(namespace, pod, 'main', ['sh', '-c', 'exit 3'], collector().stream, null, null, false, resolve).catch(reject)
    })
    expect(status.status).toBe('Failure')
    // A kubelet answers reason NonZeroExitCode with an ExitCode cause; kwok
    // v0.8.0 wraps the exit error, so it arrives as an InternalError whose
    // message carries the exit status.
    expect(status.message).toContain('exit status 3')
  })

  it('runs exec commands in the scratch dir with a minimal environment', async () => {
    const stdout = collector()
    await new Promise<V1Status>((resolve, reject) => {
      new Exec(kc).exec(namespace, pod, 'main', ['sh', '-c', 'pwd; echo "kc=${KUBECONFIG_TESTENV:-unset}"'], stdout.stream, null, null, false, resolve).catch(reject)
    })
    await stdout.until('kc=')
    expect(stdout.text()).toBe('/scratch\nkc=unset\n')
  })
})
