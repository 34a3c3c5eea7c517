import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLogUpstreams } from '../../src/services/index.ts'
import { openTerminalSessions } from '../../src/terminal/terminal-server.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from '../reliability/support/tally.ts'
import { registerTestCluster, testClients, waitForRun } from './support.ts'

// SPEC §10: log streams are shared upstreams "closed when the last one leaves", and the terminal's
// exec is "terminated when the browser goes". Here the browsers leave rudely — the TCP socket
// destroyed under an SSE log stream, a graphql-ws socket terminated under a nodeLogs
// subscription, a terminal WebSocket terminated without a close frame — and the upstream log
// requests, exec sessions and event subscribers must all be gone within a bounded time.

const CLEANUP_BOUND_MS = 10_000
const ns = `drop-${randomBytes(3).toString('hex')}`
const tally = createTally('stream-disconnect-kube', 'faults', 'fault scenarios')
const { core } = testClients()

let t: TestApp
let server: Server
let port: number
let closeWs: () => Promise<void>
let token: string
let id: string

async function waitFor(what: string, test: () => boolean, ms = CLEANUP_BOUND_MS) {
  const deadline = Date.now() + ms
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what} (log upstreams ${openLogUpstreams()}, terminals ${openTerminalSessions()}, subscribers ${t.deps.events.subscriberCount()})`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Sends a raw request, waits for `needle`, then destroys the socket (no orderly close). */
function dropAfter(request: string, needle: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let data = ''
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no ${needle} in ${data.slice(-300)}`))), 15_000)
    socket.on('data', (d) => {
      data += d.toString()
      if (needle.test(data)) (clearTimeout(timer), socket.destroy(), resolve())
    })
    socket.on('error', () => {})
  })
}

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('dropper'))
  await registerTestCluster(t, token)
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'dropped', cluster_id: 'testenv' } })).body.id
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
  const saved = await t.rest('POST', `/v1/api/workflows/${id}/save`, {
    token,
    body: { nodes: [{ id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'busybox:1.36', replicas: 2 } }], edges: [] },
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  const runId = (await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })).body.run_id
  const run = await waitForRun(t, token, id, runId, 120_000)
  expect(run.status, JSON.stringify(run.logs.slice(-5))).toBe('completed')
  server = createServer(t.app.adapter)
  closeWs = t.app.attachWebSockets(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
}, 180_000)
afterAll(async () => {
  tally.report()
  await closeWs?.()
  if (server) {
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  }
  await t?.close()
  await core.deleteNamespace({ name: ns }).catch(() => {})
})

describe('clients dropped mid-stream leave no upstream behind', () => {
  it('SSE log streams: sockets destroyed while following; the shared upstreams close', async () => {
    expect(openLogUpstreams()).toBe(0)
    const request = `GET /v1/api/workflows/${id}/nodes/web/logs/stream?follow=true&tail_lines=5 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`
    await Promise.all(Array.from({ length: 3 }, () => dropAfter(request, /event: log/)))
    tally.add('fault scenarios')
    tally.add('dropped clients', 3)
    await waitFor('log upstreams closed', () => openLogUpstreams() === 0)
  })

  it('graphql-ws nodeLogs and workflowEvents: sockets terminated without a close frame', async () => {
    const sockets: WebSocket[] = []
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args)
          sockets.push(this)
        }
      },
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    })
    let lines = 0
    let events = 0
    client.subscribe({ query: 'subscription($w: ID!) { nodeLogs(workflowId: $w, nodeId: "web", tailLines: 5) { __typename } }', variables: { w: id } }, { next: () => lines++, error: () => {}, complete: () => {} })
    client.subscribe({ query: 'subscription($w: ID!) { workflowEvents(workflowId: $w) { type } }', variables: { w: id } }, { next: () => events++, error: () => {}, complete: () => {} })
    await waitFor('log lines and the snapshot', () => lines > 0 && events > 0, 20_000)
    expect(openLogUpstreams()).toBeGreaterThan(0)
    expect(t.deps.events.subscriberCount(id)).toBe(1)
    for (const s of sockets) s.terminate()
    tally.add('fault scenarios')
    tally.add('dropped clients', 1)
    await waitFor('log upstreams and subscribers gone', () => openLogUpstreams() === 0 && t.deps.events.subscriberCount(id) === 0)
    await Promise.resolve(client.dispose()).catch(() => {})
  })

  it('terminals: WebSockets terminated without a close frame end their exec sessions', async () => {
    const opened = await Promise.all(
      Array.from({ length: 2 }, async () => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/api/workflows/${id}/nodes/web/terminal`, { headers: { authorization: `Bearer ${token}` } })
        ws.on('error', () => {})
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no ready message')), 20_000)
          ws.on('message', (d) => JSON.parse(d.toString()).type === 'ready' && (clearTimeout(timer), resolve()))
        })
        return ws
      }),
    )
    expect(openTerminalSessions()).toBe(2)
    for (const ws of opened) ws.terminate()
    tally.add('fault scenarios')
    tally.add('dropped clients', 2)
    await waitFor('exec sessions closed', () => openTerminalSessions() === 0)
  })
})
