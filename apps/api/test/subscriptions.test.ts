import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { createTestDatabase, type TestDatabase } from '@kubeorch/db/testing'
import { configSchema } from '../src/config.ts'
import { startServer, type RunningServer } from '../src/server.ts'
import { sampleGraph } from './support/sample-graph.ts'

let database: TestDatabase
let server: RunningServer
let token: string
let id: string

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return res.json()
}

beforeAll(async () => {
  database = await createTestDatabase()
  server = await startServer(
    configSchema.parse({
      port: 0,
      databaseUrl: database.url,
      jwtSecret: randomBytes(32).toString('hex'),
      encryptionKey: randomBytes(32).toString('base64'),
    }),
  )
  const reg = await fetch(`${server.url}/v1/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'sub@example.test', password: 'long enough pw' }),
  })
  token = (await reg.json()).token
  await api('POST', '/v1/api/clusters', { name: 'c1' })
  id = (await api('POST', '/v1/api/workflows', { name: 'live', cluster_id: 'c1' })).id
})
afterAll(async () => {
  await server.stop()
  await database.drop()
})

const SUBSCRIPTION = `subscription($id: ID!) { workflowEvents(workflowId: $id) { type workflowId payload } }`

describe('workflow events subscription', () => {
  it('over graphql-ws: current state first, then the save', async () => {
    const client = createClient({
      url: server.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    })
    const events: any[] = []
    const iterator = client.iterate({ query: SUBSCRIPTION, variables: { id } })
    const first = await iterator.next()
    events.push(first.value)
    await api('POST', `/v1/api/workflows/${id}/save`, { ...sampleGraph(), revision: 0 })
    events.push((await iterator.next()).value)
    await iterator.return?.()
    await client.dispose()
    expect(events.map((e) => e.data.workflowEvents)).toEqual([
      { type: 'metadata', workflowId: id, payload: { revision: 0, status: 'DRAFT', nodes: [], activeRunId: null } },
      { type: 'workflow_updated', workflowId: id, payload: { revision: 1, status: 'DRAFT' } },
    ])
  })

  it('over SSE through yoga', async () => {
    const ac = new AbortController()
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      signal: ac.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { id } }),
    })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    let text = ''
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value)
    }
    await readUntil('"revision":1')
    await api('POST', `/v1/api/workflows/${id}/save`, { ...sampleGraph({ replicas: 3 }), revision: 1 })
    await readUntil('"revision":2')
    ac.abort()
    expect(text).toContain('"type":"workflow_updated"')
  })

  it("refuses another user's workflow", async () => {
    const other = await fetch(`${server.url}/v1/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'eve@example.test', password: 'long enough pw' }),
    })
    const eve = (await other.json()).token
    const client = createClient({ url: server.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${eve}` } })
    const outcome = await client
      .iterate({ query: SUBSCRIPTION, variables: { id } })
      .next()
      .then((r) => r.value, (e: unknown) => e)
    await client.dispose()
    expect(JSON.stringify(outcome)).toContain('workflow not found')
    expect(JSON.stringify(outcome)).not.toContain('live')
  })
})
