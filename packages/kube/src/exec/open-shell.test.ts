import { CoreV1Api } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNamespace, deleteNamespace, kubeConfig, waitFor } from '../../test/helpers.ts'
import { openConnections } from '../../test/sockets.ts'
import { ExecError, execInContainer } from './exec-in-container.ts'
import { openShell } from './open-shell.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apiPort = Number(new URL(kc.getCurrentCluster()!.server).port)
let namespace: string
const pod = 'shell'

beforeAll(async () => {
  namespace = await createNamespace(core, 'exec-')
  await core.createNamespacedPod({ namespace, body: { metadata: { name: pod }, spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } } })
  await waitFor('pod Running', async () => ((await core.readNamespacedPod({ name: pod, namespace })).status?.phase === 'Running' ? true : undefined))
})
afterAll(() => deleteNamespace(core, namespace))

function output() {
  let text = ''
  return { push: (d: Buffer) => (text += d.toString()), text: () => text, until: (s: string) => waitFor(`"${s}"`, () => (text.includes(s) ? text : undefined), 20_000) }
}

describe('exec', () => {
  it('runs a command over v5.channel.k8s.io and reports Success', async () => {
    const out = output()
    const session = await execInContainer(kc, { namespace, pod, container: 'main', command: ['echo', 'hi there'], onStdout: out.push })
    expect(session.protocol).toBe('v5.channel.k8s.io')
    const end = await session.done
    expect(end.status?.status).toBe('Success')
    expect(out.text()).toBe('hi there\n')
  })

  it('an interactive tty shell: input in, output back, resize, close ends the upstream', async () => {
    const baseline = openConnections(apiPort)
    const out = output()
    const session = await openShell(kc, { namespace, pod, container: 'main', tty: true, size: { cols: 100, rows: 30 }, onStdout: out.push })
    session.write('echo "hello $((40 + 2))"\n')
    await out.until('hello 42')
    session.resize({ cols: 120, rows: 40 })
    session.write('stty size\n')
    await out.until('40 120')
    expect(session.shell).toBe('bash')
    session.close()
    const end = await session.done
    expect(end.closedBy).toBe('client')
    await waitFor('connection closed', () => (openConnections(apiPort) <= baseline ? true : undefined), 10_000)
  })

  it('falls back to the next shell when one is missing', async () => {
    const out = output()
    const session = await openShell(kc, { namespace, pod, container: 'main', shells: ['no-such-shell-xyz', 'sh'], onStdout: out.push })
    session.write('echo fallback-ok\n')
    await out.until('fallback-ok')
    expect(session.shell).toBe('sh')
    session.close()
    expect((await session.done).closedBy).toBe('client')
  })

  it('refuses an unknown pod with an ExecError naming it', async () => {
    const attempt = execInContainer(kc, { namespace, pod: 'ghost', container: 'main', command: ['sh'], onStdout: () => {} })
    await expect(attempt).rejects.toThrow(ExecError)
    await expect(execInContainer(kc, { namespace, pod: 'ghost', container: 'main', command: ['sh'], onStdout: () => {} })).rejects.toThrow(/ghost/)
  })
})
