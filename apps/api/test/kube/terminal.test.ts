import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createTestDatabase, type TestDatabase } from '@kubeorch/db/testing'
import { configSchema } from '../../src/config.ts'
import { startServer, type RunningServer } from '../../src/server.ts'
import { openTerminalSessions } from '../../src/terminal/terminal-server.ts'
import { kubeconfigPath, testClients } from './support.ts'

const ns = `term-${randomBytes(3).toString('hex')}`
let database: TestDatabase
let server: RunningServer
let token: string
let id: string
const { core } = testClients()

async function api(method: string, path: string, body?: unknown, as = token) {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

/** A terminal client: collects output, resolves `closed` with the close code and reason. `as: null` sends no header (a browser). */
function terminal(query = '', as: string | null = token) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/api/workflows/${id}/nodes/web/terminal${query}`, { headers: as === null ? {} : { authorization: `Bearer ${as}` } })
  let output = ''
  const messages: { type: string; [k: string]: unknown }[] = []
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString())
    messages.push(m)
    if (m.type === 'stdout') output += m.data
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  const until = async (needle: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs
    while (!output.includes(needle)) {
      if (Date.now() > deadline) throw new Error(`no "${needle}" in ${JSON.stringify(output)}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  return { ws, messages, output: () => output, until, closed, send: (m: unknown) => ws.send(JSON.stringify(m)) }
}

beforeAll(async () => {
  database = await createTestDatabase()
  server = await startServer(
    configSchema.parse({ port: 0, databaseUrl: database.url, jwtSecret: randomBytes(32).toString('hex'), encryptionKey: randomBytes(32).toString('base64'), runHealthTimeoutMs: 90_000 }),
  )
  const reg = await fetch(`${server.url}/v1/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'term@example.test', password: 'long enough pw' }),
  })
  token = (await reg.json()).token
  await api('POST', '/v1/api/clusters', { name: 'testenv', kubeconfig: readFileSync(kubeconfigPath(), 'utf8') })
  id = (await api('POST', '/v1/api/workflows', { name: 'term', cluster_id: 'testenv' })).body.id
  await api('PUT', `/v1/api/workflows/${id}/status`, { status: 'published' })
  await api('POST', `/v1/api/workflows/${id}/save`, {
    nodes: [{ id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'busybox:1.36', replicas: 1 } }], edges: [],
  })
  const runId = (await api('POST', `/v1/api/workflows/${id}/run`, {})).body.run_id
  for (let run = await api('GET', `/v1/api/workflows/${id}/runs/${runId}`); ; run = await api('GET', `/v1/api/workflows/${id}/runs/${runId}`)) {
    if (run.body.status !== 'running') {
      if (run.body.status !== 'completed') throw new Error(`deploy failed: ${JSON.stringify(run.body.logs.slice(-5))}`)
      break
    }
    await new Promise((r) => setTimeout(r, 250))
  }
})
afterAll(async () => {
  await server?.stop()
  await database?.drop()
  await core.deleteNamespace({ name: ns }).catch(() => {})
})

describe('terminal WebSocket', () => {
  it('types echo hello, reads hello; closing the browser side ends the exec upstream', async () => {
    const term = terminal('?cols=100&rows=30')
    await new Promise((r) => term.ws.once('open', r))
    term.send({ type: 'stdin', data: 'echo hello\n' })
    await term.until('\nhello')
    const ready = term.messages.find((m) => m.type === 'ready')
    expect(ready).toMatchObject({ type: 'ready', container: 'web', shell: 'bash', protocol: 'v5.channel.k8s.io' })
    term.send({ type: 'resize', cols: 120, rows: 40 })
    term.send({ type: 'stdin', data: 'stty size\n' })
    await term.until('40 120')
    expect(openTerminalSessions()).toBe(1)
    term.ws.close()
    await term.closed
    const deadline = Date.now() + 10_000
    while (openTerminalSessions() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    // The exec connection to the API server is closed. (kwok runs exec'd commands as local
    // processes and, like many runtimes, leaves the shell running when the stream goes away.)
    expect(openTerminalSessions()).toBe(0)
  })

  it('a browser opens the shell with a single-use ticket (no token in the URL); the ticket does not open a second one', async () => {
    const { ticket } = (await api('POST', `/v1/api/workflows/${id}/nodes/web/terminal/ticket`, {})).body
    const term = terminal(`?ticket=${ticket}`, null)
    await new Promise((r) => term.ws.once('open', r))
    term.send({ type: 'stdin', data: 'echo ticketed\n' })
    await term.until('\nticketed')
    expect(term.messages.find((m) => m.type === 'ready')).toMatchObject({ container: 'web' })
    expect((await terminal(`?ticket=${ticket}`, null).closed).code).toBe(4401)
    term.ws.close()
    await term.closed
  })

  it('an unknown pod or container closes with a clear reason listing what exists', async () => {
    const [pod] = (await core.listNamespacedPod({ namespace: ns, labelSelector: 'kubeorch.io/node=web' })).items.map((p) => p.metadata!.name!)
    const ghost = terminal('?pod=ghost')
    const closed = await ghost.closed
    expect(closed.code).toBe(4400)
    expect(closed.reason).toContain('no pod "ghost" belongs to node web; its pods:')
    expect(ghost.messages[0]).toMatchObject({ type: 'error', message: expect.stringContaining(pod!) })
    const sidecar = await terminal(`?pod=${pod}&container=sidecar`).closed
    expect(sidecar).toEqual({ code: 4400, reason: `container: pod ${pod} has no container "sidecar"; its containers: web` })
  })

  it('refuses the unauthenticated and another user (not found), and an unknown node', async () => {
    expect((await terminal('', 'not-a-token').closed).code).toBe(4401)
    const reg = await fetch(`${server.url}/v1/api/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'other@example.test', password: 'long enough pw' }),
    })
    const other = (await reg.json()).token
    expect(await terminal('', other).closed).toEqual({ code: 4404, reason: 'workflow not found' })
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/api/workflows/${id}/nodes/nope/terminal`, { headers: { authorization: `Bearer ${token}` } })
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
    expect(closed).toEqual({ code: 4404, reason: 'node nope not found' })
  })
})
