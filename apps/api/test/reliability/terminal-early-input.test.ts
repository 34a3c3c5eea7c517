import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sealConnection } from '../../src/services/clusters/cluster-connection.ts'
import { clusterCredentialsFromInput } from '../../src/services/index.ts'
import { sampleGraph } from '../support/sample-graph.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// Input a terminal client sends before the exec is open is kept and replayed. It was kept
// without a bound: a client could stream into a socket whose shell never opens. The cluster here
// is a TCP port that accepts and never answers, so the exec stays "being opened" for as long as
// the test needs, and what is sent meanwhile is all early input.

let t: TestApp
let web: Server
let silent: TcpServer
const held: Socket[] = []
let base = ''
let token = ''
let workflowId = ''
let closeWs: () => Promise<void>
const tally = createTally('terminal-early-input', 'fuzz')

beforeAll(async () => {
  t = await createTestApp()
  silent = createTcpServer((socket) => void held.push(socket))
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
  const port = (silent.address() as AddressInfo).port
  const user = await t.signUp('early')
  token = user.token
  const kubeconfig = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: not-a-real-token } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`
  const { connection, server } = clusterCredentialsFromInput({ kubeconfig })
  const cluster = await t.db.cluster.create({ data: { name: 'silent', ownerId: user.userId, server, credentials: sealConnection(t.deps.sealer, connection) } })
  const wf = await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'early', cluster_id: cluster.id } })
  workflowId = wf.body.id
  await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: { ...sampleGraph(), revision: 0 } })
  web = createServer(t.app.adapter)
  closeWs = t.app.attachWebSockets(web)
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r))
  base = `ws://127.0.0.1:${(web.address() as AddressInfo).port}`
}, 60_000)

afterAll(async () => {
  tally.report()
  await closeWs?.()
  web?.closeAllConnections()
  await new Promise<void>((r) => (web ? web.close(() => r()) : r()))
  for (const s of held) s.destroy()
  await new Promise<void>((r) => silent.close(() => r()))
  await t.close()
})

/** Opens a terminal and sends `chunks` stdin messages of `size` bytes; resolves with the close code (or -1 if still open after `waitMs`). */
async function typeAhead(chunks: number, size: number, waitMs = 3_000): Promise<number> {
  tally.add('early input probes')
  const ws = new WebSocket(`${base}/v1/api/workflows/${workflowId}/nodes/web/terminal`, { headers: { authorization: `Bearer ${token}` } })
  ws.on('error', () => {})
  await new Promise((r) => ws.once('open', r))
  for (let i = 0; i < chunks; i++) ws.send(JSON.stringify({ type: 'stdin', data: 'x'.repeat(size) }))
  return new Promise((resolve) => {
    const timer = setTimeout(() => (ws.terminate(), resolve(-1)), waitMs)
    ws.on('close', (code) => (clearTimeout(timer), resolve(code)))
  })
}

describe('terminal input before the shell is open', () => {
  it('a few typed lines are kept while the exec opens (the socket stays open)', async () => {
    expect(await typeAhead(3, 200)).toBe(-1)
  })

  it('more than 64 KiB of it closes the socket with 1009, in one message or many', async () => {
    expect(await typeAhead(1, 100_000)).toBe(1009)
    expect(await typeAhead(40, 2_000)).toBe(1009)
  })
})
