import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleGraph } from '../support/sample-graph.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// SPEC §9/§10: a client that goes away mid-stream leaves nothing behind. Clients of every live
// transport (REST SSE, GraphQL over SSE, graphql-ws) connect to a real HTTP server, receive the
// snapshot and live events while saves are going on, then leave — politely (abort, complete) or
// not (socket destroyed, WebSocket terminated without a close frame). The event bus's count of
// live subscribers must go back to where it was, within a bounded time.

const tally = createTally('stream-disconnect', 'faults', 'fault scenarios')
const CLIENTS = 4
const CLEANUP_BOUND_MS = 5_000

let t: TestApp
let server: Server
let base: string
let closeWs: () => Promise<void>
let token: string
let id: string
let revision = 1

beforeAll(async () => {
  t = await createTestApp()
  ;({ token, workflowId: id } = await t.userWithWorkflow('streamed'))
  await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...sampleGraph(), revision: 0 } })
  server = createServer(t.app.adapter)
  closeWs = t.app.attachWebSockets(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  tally.report()
  await closeWs()
  server.closeAllConnections()
  await new Promise<void>((r) => server.close(() => r()))
  await t.close()
})

const subscribers = () => t.deps.events.subscriberCount(id)

async function waitFor(what: string, test: () => boolean, ms = CLEANUP_BOUND_MS) {
  const deadline = Date.now() + ms
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what} (subscribers: ${subscribers()})`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Saves keep events flowing while clients come and go. */
function keepSaving() {
  let stop = false
  const loop = (async () => {
    for (let i = 0; i < 200 && !stop; i++) {
      const r = await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...sampleGraph({ replicas: (i % 5) + 1 }), revision } })
      if (r.status === 200) revision = r.body.revision
      await new Promise((res) => setTimeout(res, 20))
    }
  })()
  return async () => {
    stop = true
    await loop
  }
}

/** A raw HTTP client: sends the request, waits for `needle` in the answer, then destroys the socket (no FIN handshake). */
function rawStream(request: string, needle: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const [host, port] = base.split(':')
    const socket = connect(Number(port), host!, () => socket.write(request))
    let data = ''
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no ${needle} in ${data.slice(0, 300)}`))), 5000)
    socket.on('data', (d) => {
      data += d.toString()
      if (needle.test(data)) {
        clearTimeout(timer)
        socket.destroy()
        resolve()
      }
    })
    socket.on('error', () => {})
  })
}

describe('clients leaving mid-stream leave no subscriber behind', () => {
  it(`REST SSE: ${CLIENTS} clients abort, ${CLIENTS} drop their sockets`, async () => {
    const before = subscribers()
    const stopSaving = keepSaving()
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const ac = new AbortController()
        const res = await fetch(`http://${base}/v1/api/workflows/${id}/status/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal })
        const reader = res.body!.getReader()
        let text = ''
        while (!/event: workflow_updated/.test(text)) text += new TextDecoder().decode((await reader.read()).value)
        return { ac, reader }
      }),
    )
    expect(subscribers()).toBe(before + CLIENTS)
    for (const c of clients) c.ac.abort()
    await waitFor('aborted SSE clients are gone', () => subscribers() === before)
    tally.add('disconnects', CLIENTS)
    tally.add('fault scenarios')

    const request = `GET /v1/api/workflows/${id}/status/stream HTTP/1.1\r\nHost: ${base}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`
    await Promise.all(Array.from({ length: CLIENTS }, () => rawStream(request, /event: metadata/)))
    await waitFor('dropped SSE sockets are gone', () => subscribers() === before)
    tally.add('disconnects', CLIENTS)
    tally.add('fault scenarios')
    await stopSaving()
  })

  it(`GraphQL over SSE: ${CLIENTS} clients abort, ${CLIENTS} drop their sockets`, async () => {
    const before = subscribers()
    const stopSaving = keepSaving()
    const query = JSON.stringify({ query: 'subscription($id: ID!) { workflowEvents(workflowId: $id) { type } }', variables: { id } })
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const ac = new AbortController()
        const res = await fetch(`http://${base}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' }, body: query, signal: ac.signal })
        const reader = res.body!.getReader()
        let text = ''
        while (!/workflow_updated/.test(text)) text += new TextDecoder().decode((await reader.read()).value)
        return ac
      }),
    )
    expect(subscribers()).toBe(before + CLIENTS)
    for (const ac of clients) ac.abort()
    await waitFor('aborted GraphQL SSE clients are gone', () => subscribers() === before)
    tally.add('disconnects', CLIENTS)
    tally.add('fault scenarios')

    const request = `POST /graphql HTTP/1.1\r\nHost: ${base}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(query)}\r\n\r\n${query}`
    await Promise.all(Array.from({ length: CLIENTS }, () => rawStream(request, /metadata/)))
    await waitFor('dropped GraphQL SSE sockets are gone', () => subscribers() === before)
    tally.add('disconnects', CLIENTS)
    tally.add('fault scenarios')
    await stopSaving()
  })

  it(`graphql-ws: ${CLIENTS} clients complete, ${CLIENTS} terminate without a close frame`, async () => {
    const before = subscribers()
    const stopSaving = keepSaving()
    const open = async () => {
      let socket: WebSocket | undefined
      const client = createClient({
        url: `ws://${base}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(...args: ConstructorParameters<typeof WebSocket>) {
            super(...args)
            socket = this
          }
        },
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      })
      let seen = 0
      const unsubscribe = client.subscribe({ query: 'subscription($id: ID!) { workflowEvents(workflowId: $id) { type } }', variables: { id } }, { next: () => seen++, error: () => {}, complete: () => {} })
      await waitFor('graphql-ws events arrive', () => seen >= 2, 10_000)
      return { client, unsubscribe, socket: () => socket! }
    }
    const polite = await Promise.all(Array.from({ length: CLIENTS }, open))
    expect(subscribers()).toBe(before + CLIENTS)
    for (const c of polite) {
      c.unsubscribe()
      await c.client.dispose()
    }
    await waitFor('completed graphql-ws subscriptions are gone', () => subscribers() === before)
    tally.add('disconnects', CLIENTS)
    tally.add('fault scenarios')

    const rude = await Promise.all(Array.from({ length: CLIENTS }, open))
    expect(subscribers()).toBe(before + CLIENTS)
    for (const c of rude) c.socket().terminate()
    await waitFor('terminated graphql-ws sockets are gone', () => subscribers() === before)
    tally.add('disconnects', CLIENTS)
    tally.add('fault scenarios')
    for (const c of rude) await Promise.resolve(c.client.dispose()).catch(() => {})
    await stopSaving()
  })

  it('on a quiet workflow (nothing after the snapshot): graphql-ws clients that complete or vanish leave no subscriber', async () => {
    // Was a leak: the GraphQL stream was an async generator parked in next(); its return() waited
    // for the workflow's next event, which a quiet workflow never sends.
    const before = subscribers()
    for (const rude of [false, true]) {
      let socket: WebSocket | undefined
      const client = createClient({
        url: `ws://${base}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(...args: ConstructorParameters<typeof WebSocket>) {
            super(...args)
            socket = this
          }
        },
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      })
      let seen = 0
      const unsubscribe = client.subscribe({ query: 'subscription($id: ID!) { workflowEvents(workflowId: $id) { type } }', variables: { id } }, { next: () => seen++, error: () => {}, complete: () => {} })
      await waitFor('the snapshot', () => seen >= 1)
      expect(subscribers()).toBe(before + 1)
      if (rude) socket!.terminate()
      else unsubscribe()
      await waitFor(`${rude ? 'terminated' : 'completed'} quiet subscription gone`, () => subscribers() === before)
      await Promise.resolve(client.dispose()).catch(() => {})
      tally.add('disconnects')
      tally.add('fault scenarios')
    }
  })
})
