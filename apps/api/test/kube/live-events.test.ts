import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { registerTestCluster, waitForRun } from './support.ts'

const ns = `live-${randomBytes(3).toString('hex')}`
let t: TestApp
let token: string
let id: string

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('watcher'))
  await registerTestCluster(t, token)
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'live', cluster_id: 'testenv' } })).body.id
  await t.rest('POST', `/v1/api/workflows/${id}/save`, {
    token,
    body: {
      revision: 0,
      nodes: [
        { id: 'api', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'api', namespace: ns, image: 'ghcr.io/example/api:1', ports: [{ containerPort: 8080 }] } },
        { id: 'api-svc', type: 'service', position: { x: 0, y: 100 }, data: { name: 'api', namespace: ns, port: 80 } },
      ],
      edges: [{ id: 'e', source: 'api-svc', target: 'api' }],
    },
  })
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
})
afterAll(() => t.close())

/** Reads SSE frames from an in-process response until `until` matches or time runs out. */
async function readSse(res: Response, until: (text: string) => boolean, timeoutMs = 120_000) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const deadline = Date.now() + timeoutMs
  while (!until(text) && Date.now() < deadline) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value)
  }
  await reader.cancel()
  return text
}

describe('live events of a run', () => {
  it('REST SSE and a GraphQL subscription both see metadata, run_started, node_update…, run_completed in order', async () => {
    const ac = new AbortController()
    const rest = await t.app.handle(
      new Request(`http://test/v1/api/workflows/${id}/status/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal }),
    )
    expect(rest.status).toBe(200)
    expect(rest.headers.get('content-type')).toContain('text/event-stream')
    const gql = await t.app.handle(
      new Request('http://test/graphql', {
        method: 'POST',
        signal: ac.signal,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `subscription($id: ID!) { workflowEvents(workflowId: $id) { type payload } }`, variables: { id } }),
      }),
    )
    const restText = readSse(rest, (s) => s.includes('event: run_completed'))
    const gqlText = readSse(gql, (s) => s.includes('"type":"run_completed"'))
    await new Promise((r) => setTimeout(r, 300))
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    const run = await waitForRun(t, token, id, started.body.run_id)
    expect(run.status, JSON.stringify(run.logs.slice(-4))).toBe('completed')

    const restTypes = [...(await restText).matchAll(/^event: (\w+)$/gm)].map((m) => m[1]).filter((x) => x !== 'run_log')
    expect(restTypes[0]).toBe('metadata')
    expect(restTypes.indexOf('run_started')).toBeGreaterThan(0)
    expect(restTypes.indexOf('node_update')).toBeGreaterThan(restTypes.indexOf('run_started'))
    expect(restTypes.at(-1)).toBe('run_completed')
    expect(await restText).toContain(`"run_id":"${started.body.run_id}"`)

    const gqlTypes = [...(await gqlText).matchAll(/"type":"(\w+)"/g)].map((m) => m[1]).filter((x) => x !== 'run_log')
    expect(gqlTypes[0]).toBe('metadata')
    expect(gqlTypes.indexOf('node_update')).toBeGreaterThan(gqlTypes.indexOf('run_started'))
    expect(gqlTypes.at(-1)).toBe('run_completed')
    ac.abort()
  })

  it('a reconnecting client gets the current node states first', async () => {
    const res = await t.app.handle(new Request(`http://test/v1/api/workflows/${id}/status/stream`, { headers: { authorization: `Bearer ${token}` } }))
    const text = await readSse(res, (s) => s.includes('\n\n'), 10_000)
    const data = JSON.parse(/data: (.*)/.exec(text)![1]!)
    expect(data.nodes.map((n: { node_id: string; state: string }) => [n.node_id, n.state]).sort()).toEqual([
      ['api', 'healthy'],
      ['api-svc', 'healthy'],
    ])
    expect(data.active_run_id).toBeNull()
  })

  it("another user's stream is a 404", async () => {
    const eve = await t.signUp('eve2')
    const res = await t.app.handle(new Request(`http://test/v1/api/workflows/${id}/status/stream`, { headers: { authorization: `Bearer ${eve.token}` } }))
    expect(res.status).toBe(404)
  })
})
