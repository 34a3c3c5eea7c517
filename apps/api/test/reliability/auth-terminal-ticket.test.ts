import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createOwnerFixture, type OwnerFixture } from './support/owner-fixture.ts'
import { createTally } from './support/tally.ts'

// Issue 13 §5: the browser's terminal took the session token in the query string (where proxies
// and servers log it). Now it takes a single-use, 30-second ticket bound to user, workflow and
// node; `access_token` is refused. The fixture's cluster has no credentials, so a ticket that is
// accepted gets as far as the cluster ("cannot open…", not 4401): that is the point under test.
// (test/kube/terminal.test.ts opens a real shell with a ticket.)

let t: TestApp
let alice: OwnerFixture
let bob: OwnerFixture
const servers: { server: Server; close: () => Promise<void>; url: string }[] = []
const tally = createTally('auth-terminal-ticket', 'auth')

async function listen(app: TestApp['app']) {
  const server = createServer(app.adapter)
  const closeWs = app.attachWebSockets(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const entry = {
    server,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await closeWs()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
  servers.push(entry)
  return entry.url
}

beforeAll(async () => {
  t = await createTestApp()
  alice = await createOwnerFixture(t, 'aliceterm')
  bob = await createOwnerFixture(t, 'bobterm')
}, 60_000)
afterAll(async () => {
  tally.report()
  for (const s of servers) await s.close()
  await t.close()
})

/** How a terminal socket ends: its close code and the error message sent before it. */
function open(base: string, workflowId: string, nodeId: string, query: string, headers: Record<string, string> = {}): Promise<{ code: number; message: string }> {
  tally.add('terminal probes')
  const ws = new WebSocket(`${base}/v1/api/workflows/${workflowId}/nodes/${nodeId}/terminal${query}`, { headers })
  let message = ''
  ws.on('message', (d) => (message = JSON.parse(d.toString()).message ?? message))
  return new Promise((resolve) => {
    const timer = setTimeout(() => (ws.terminate(), resolve({ code: -1, message })), 10_000)
    ws.on('close', (code) => (clearTimeout(timer), resolve({ code, message })))
    ws.on('error', () => {})
  })
}

const mint = async (as: OwnerFixture, workflowId = as.workflowId, nodeId = 'web') =>
  t.rest('POST', `/v1/api/workflows/${workflowId}/nodes/${nodeId}/terminal/ticket`, { token: as.token, body: {} })

describe('terminal tickets', () => {
  it('a ticket opens the terminal once; again, it is refused (4401)', async () => {
    const base = await listen(t.app)
    const minted = await mint(alice)
    expect(minted.status).toBe(201)
    expect(minted.body).toEqual({ ticket: expect.stringMatching(/^kot_[\w-]{32}$/), expires_at: expect.any(String) })
    expect(new Date(minted.body.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(30_000)
    const first = await open(base, alice.workflowId, 'web', `?ticket=${minted.body.ticket}`)
    expect(first.code).not.toBe(4401)
    expect(first.message).not.toMatch(/authentication|ticket/)
    const again = await open(base, alice.workflowId, 'web', `?ticket=${minted.body.ticket}`)
    expect(again).toEqual({ code: 4401, message: 'the terminal ticket is unknown, used, expired or for another node' })
    expect(await t.db.terminalTicket.count()).toBe(0)
  })

  it('GraphQL mints them too; two racing uses of one ticket: one gets through, one is refused', async () => {
    const base = await listen(t.app)
    const g = await t.gql(`mutation($w: ID!) { createTerminalTicket(workflowId: $w, nodeId: "web") { ... on MutationCreateTerminalTicketSuccess { data { ticket expiresAt } } } }`, { w: alice.workflowId }, alice.token)
    const ticket = g.data.createTerminalTicket.data.ticket
    const both = await Promise.all([open(base, alice.workflowId, 'web', `?ticket=${ticket}`), open(base, alice.workflowId, 'web', `?ticket=${ticket}`)])
    expect(both.map((b) => b.code === 4401).sort()).toEqual([false, true])
  })

  it('an expired ticket, or one for another node or workflow, does not open (and is used up)', async () => {
    const base = await listen(t.app)
    const expired = (await mint(alice)).body.ticket
    await t.db.terminalTicket.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } })
    expect((await open(base, alice.workflowId, 'web', `?ticket=${expired}`)).code).toBe(4401)
    const forWeb = (await mint(alice)).body.ticket
    expect((await open(base, alice.workflowId, 'db', `?ticket=${forWeb}`)).code).toBe(4401)
    expect((await open(base, alice.workflowId, 'web', `?ticket=${forWeb}`)).code).toBe(4401)
    const aliceTicket = (await mint(alice)).body.ticket
    expect((await open(base, bob.workflowId, 'web', `?ticket=${aliceTicket}`)).code).toBe(4401)
  })

  it('a session token in the URL is refused, even a valid one; the Authorization header still works for scripts', async () => {
    const base = await listen(t.app)
    const viaUrl = await open(base, alice.workflowId, 'web', `?access_token=${alice.token}`)
    expect(viaUrl.code).toBe(4401)
    expect(viaUrl.message).toMatch(/tokens are not accepted in the URL/)
    const viaHeader = await open(base, alice.workflowId, 'web', '', { authorization: `Bearer ${alice.token}` })
    expect(viaHeader.code).not.toBe(4401)
  })

  it("another user cannot mint a ticket for Alice's workflow or node (404), nor for a node that does not exist", async () => {
    expect((await mint(bob, alice.workflowId)).status).toBe(404)
    const g = await t.gql(`mutation($w: ID!) { createTerminalTicket(workflowId: $w, nodeId: "web") { __typename ... on Error { message } } }`, { w: alice.workflowId }, bob.token)
    expect(g.data.createTerminalTicket).toEqual({ __typename: 'NotFoundError', message: 'workflow not found' })
    expect((await mint(alice, alice.workflowId, 'nope')).body).toEqual({ error: 'node nope not found' })
    expect(await t.db.terminalTicket.count({ where: { userId: bob.userId } })).toBe(0)
    tally.add('terminal probes', 3)
  })

  it('an API token without the run scope cannot open a terminal by header either (4403)', async () => {
    const base = await listen(t.app)
    const write = (await t.rest('POST', '/v1/api/auth/tokens', { token: alice.token, body: { name: 'w', scopes: ['read', 'write'] } })).body.token
    const refused = await open(base, alice.workflowId, 'web', '', { authorization: `Bearer ${write}` })
    expect(refused).toEqual({ code: 4403, message: 'this API token does not have the "run" scope' })
  })

  it('a ticket minted through one replica opens the terminal on another', async () => {
    const other = t.replica()
    const base = await listen(other.app)
    const ticket = (await mint(alice)).body.ticket
    const opened = await open(base, alice.workflowId, 'web', `?ticket=${ticket}`)
    expect(opened.code).not.toBe(4401)
  })
})
