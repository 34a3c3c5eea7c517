import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { appendPodLog } from '@kubeorch/testenv'
import { openLogUpstreams } from '../../src/services/index.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { registerTestCluster, testClients, waitForRun } from './support.ts'

const ns = `logs-${randomBytes(3).toString('hex')}`
let t: TestApp
let token: string
let id: string
const { core } = testClients()

/** An SSE response read as it arrives: `until` waits for a text, `close` leaves like a browser. */
async function openSse(path: string) {
  const ac = new AbortController()
  const res = await t.app.handle(new Request(`http://test${path}`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal }))
  let text = ''
  let ended = false
  const reader = res.body?.getReader()
  const pump = (async () => {
    if (!reader || res.status !== 200) return
    const decoder = new TextDecoder()
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        text += decoder.decode(value)
      }
    } catch {
      // aborted
    }
    ended = true
  })()
  const lines = () =>
    text.split('\n\n').filter((f) => f.startsWith('event: log')).map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)) as { pod: string; container: string; line: string; text: string })
  return {
    res,
    lines,
    ended: () => ended,
    until: async (what: string, test: () => boolean, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; upstreams ${openLogUpstreams()}; got ${text.slice(-800)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    close: async () => {
      ac.abort()
      await reader?.cancel().catch(() => {})
      await pump
    },
  }
}

const podsOfNode = async () =>
  (await core.listNamespacedPod({ namespace: ns, labelSelector: 'kubeorch.io/node=web' })).items
    .filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata!.name!)
    .sort()

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('logreader'))
  await registerTestCluster(t, token)
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'logs', cluster_id: 'testenv' } })).body.id
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
  await t.rest('POST', `/v1/api/workflows/${id}/save`, {
    token,
    body: {
      nodes: [
        { id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'busybox:1.36', replicas: 2 } },
        { id: 'cfg', type: 'configmap', position: { x: 0, y: 200 }, data: { name: 'cfg', namespace: ns, data: { A: '1' } } },
      ],
      edges: [],
    },
  })
  const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
  const run = await waitForRun(t, token, id, started.body.run_id)
  if (run.status !== 'completed') throw new Error(`deploy failed: ${JSON.stringify(run.logs.slice(-5))}`)
})
afterAll(async () => {
  await t.close()
  await core.deleteNamespace({ name: ns }).catch(() => {})
})

describe('node logs', () => {
  const stream = `/v1/api/workflows/${'{id}'}/nodes/web/logs/stream`
  const path = (query = '') => stream.replace('{id}', id) + query

  it('follows every pod merged, two viewers share one upstream per pod, a new pod joins, and leaving closes every upstream', async () => {
    const pods = await podsOfNode()
    expect(pods).toHaveLength(2)
    const a = await openSse(path('?tail_lines=0'))
    const b = await openSse(path('?tail_lines=0&timestamps=true'))
    expect(a.res.headers.get('content-type')).toContain('text/event-stream')
    await a.until('both upstreams', () => openLogUpstreams() === 2)
    // The upstreams exist once requested; give kwok a moment to start following.
    await new Promise((r) => setTimeout(r, 1000))
    const marker = `shared-${Date.now()}`
    await appendPodLog(inject('podLogFile'), marker)
    for (const viewer of [a, b])
      await viewer.until(`${marker} from both pods`, () => pods.every((pod) => viewer.lines().some((l) => l.pod === pod && l.line.endsWith(marker))))
    // kwok serves one log file for every container, so each pod shows the line once.
    expect(a.lines().filter((l) => l.line === marker).map((l) => l.text).sort()).toEqual(pods.map((pod) => `${pod}/web ${marker}`))
    expect(b.lines().find((l) => l.line.endsWith(marker))!.line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+ ${marker}$`))
    expect(openLogUpstreams()).toBe(2)

    // A replaced pod (as in a rollout) joins the merged stream.
    await core.deleteNamespacedPod({ name: pods[0]!, namespace: ns, gracePeriodSeconds: 0 })
    let replacement: string | undefined
    const deadline = Date.now() + 60_000
    while (!replacement && Date.now() < deadline) {
      replacement = (await podsOfNode()).find((p) => !pods.includes(p))
      if (!replacement) await new Promise((r) => setTimeout(r, 200))
    }
    expect(replacement).toBeDefined()
    const after = `rollout-${Date.now()}`
    // Appended until it arrives: the new pod's upstream opens a moment after the pod runs.
    await a.until(`${after} from ${replacement}`, () => {
      void appendPodLog(inject('podLogFile'), after)
      return a.lines().some((l) => l.pod === replacement && l.line === after)
    })

    await a.close()
    expect(openLogUpstreams()).toBeGreaterThan(0) // b still watches
    await b.close()
    await a.until('no upstream left open', () => openLogUpstreams() === 0, 10_000)
  })

  it('one pod and container, not following: the last lines, then the stream ends', async () => {
    const [pod] = await podsOfNode()
    const marker = `tail-${Date.now()}`
    await appendPodLog(inject('podLogFile'), marker)
    const s = await openSse(path(`?pod=${pod}&container=web&follow=false&tail_lines=1`))
    await s.until('the end', () => s.ended())
    expect(s.lines()).toEqual([{ pod, container: 'web', line: marker, text: `${pod}/web ${marker}` }])
    const previous = await openSse(path(`?pod=${pod}&container=web&previous=true`))
    await previous.until('the end', () => previous.ended())
    expect(previous.lines().map((l) => l.line)).toContain('testenv: previous container instance')
  })

  it('bad requests get clear errors naming what exists', async () => {
    const pods = await podsOfNode()
    const unknownPod = await t.rest('GET', path('?pod=ghost'), { token })
    expect(unknownPod.status).toBe(400)
    expect(unknownPod.body.error).toContain('pod: no pod "ghost" belongs to node web; its pods:')
    for (const pod of pods) expect(unknownPod.body.error).toContain(pod)
    const unknownContainer = await t.rest('GET', path(`?pod=${pods[0]}&container=sidecar`), { token })
    expect(unknownContainer.status).toBe(400)
    expect(unknownContainer.body.error).toBe(`container: pod ${pods[0]} has no container "sidecar"; its containers: web`)
    const unknownNode = await t.rest('GET', `/v1/api/workflows/${id}/nodes/nope/logs/stream`, { token })
    expect([unknownNode.status, unknownNode.body]).toEqual([404, { error: 'node nope not found' }])
    const notAWorkload = await t.rest('GET', `/v1/api/workflows/${id}/nodes/cfg/logs/stream`, { token })
    expect(notAWorkload.status).toBe(400)
    expect(notAWorkload.body.error).toMatch(/configmap, which has no pods/)
    const badTail = await t.rest('GET', path('?tail_lines=-3'), { token })
    expect(badTail.status).toBe(400)
    expect(badTail.body.error).toMatch(/^tail_lines: /)
    const other = await t.signUp('peeker')
    expect((await t.rest('GET', path(), { token: other.token })).status).toBe(404)
    expect(openLogUpstreams()).toBe(0)
  })

  it('GraphQL subscription over SSE gives the same lines', async () => {
    const ac = new AbortController()
    const res = await t.app.handle(
      new Request('http://test/graphql', {
        method: 'POST',
        signal: ac.signal,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'subscription($w: ID!) { nodeLogs(workflowId: $w, nodeId: "web", tailLines: 0) { pod container line text } }', variables: { w: id } }),
      }),
    )
    const reader = res.body!.getReader()
    const marker = `gql-${Date.now()}`
    let text = ''
    const deadline = Date.now() + 30_000
    const appender = setInterval(() => void appendPodLog(inject('podLogFile'), marker), 500)
    try {
      while (!text.includes(marker) && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value)
    } finally {
      clearInterval(appender)
      ac.abort()
      await reader.cancel().catch(() => {})
    }
    expect(text).toContain(`"line":"${marker}"`)
    const deadlineClosed = Date.now() + 10_000
    while (openLogUpstreams() > 0 && Date.now() < deadlineClosed) await new Promise((r) => setTimeout(r, 100))
    expect(openLogUpstreams()).toBe(0)
  })
})
