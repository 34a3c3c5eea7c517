import { CoreV1Api } from '@kubernetes/client-node'
import { appendPodLog } from '@kubeorch/testenv'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createNamespace, deleteNamespace, kubeConfig, waitFor } from '../../test/helpers.ts'
import { openConnections } from '../../test/sockets.ts'
import { createLogStreamer, PodLogError } from './log-streamer.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const apiPort = Number(new URL(kc.getCurrentCluster()!.server).port)
let namespace: string
const pod = 'logger'

beforeAll(async () => {
  namespace = await createNamespace(core, 'logs-')
  await core.createNamespacedPod({ namespace, body: { metadata: { name: pod }, spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } } })
  await waitFor('pod Running', async () => ((await core.readNamespacedPod({ name: pod, namespace })).status?.phase === 'Running' ? true : undefined))
})
afterAll(() => deleteNamespace(core, namespace))

describe('log streamer', () => {
  const streamer = createLogStreamer(kc)
  const target = () => ({ namespace, pod, container: 'main' })

  it('follows: appended lines arrive as lines; stop() closes the connection', async () => {
    const baseline = openConnections(apiPort)
    const lines: string[] = []
    const marker = `follow-${Date.now()}`
    const stream = await streamer.stream(target(), { follow: true, tailLines: 1 }, (l) => lines.push(l))
    await appendPodLog(inject('podLogFile'), [`${marker}-a`, `${marker}-b`])
    await waitFor('both lines', () => (lines.includes(`${marker}-b`) ? true : undefined), 20_000)
    expect(lines).toContain(`${marker}-a`)
    await stream.stop()
    await stream.done
    await waitFor('connection closed', () => (openConnections(apiPort) <= baseline ? true : undefined), 10_000)
  })

  it('timestamps prefix each line with the runtime time', async () => {
    const lines = await streamer.read(target(), { tailLines: 2, timestamps: true })
    expect(lines.length).toBe(2)
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z /)
  })

  it('reads the previous instance', async () => {
    expect(await streamer.read(target(), { previous: true })).toContain('testenv: previous container instance')
  })

  it('an unknown container or pod is a PodLogError naming it', async () => {
    await expect(streamer.read({ ...target(), container: 'nope' })).rejects.toThrow(PodLogError)
    await expect(streamer.read({ ...target(), container: 'nope' })).rejects.toThrow(/container "nope"/)
    await expect(streamer.read({ ...target(), pod: 'ghost' })).rejects.toThrow(/does not exist/)
  })
})
