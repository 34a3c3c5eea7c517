import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { createTally } from './support/tally.ts'

// WebSocket upgrades are answered outside the REST router, in the server's 'upgrade' listener: a
// malformed path there must be refused on that socket, not thrown out of the listener (which
// would take the whole process down).

let t: TestApp
let server: Server
let port: number
let closeWs: () => Promise<void>
const tally = createTally('upgrade-bad-input', 'fuzz')

beforeAll(async () => {
  t = await createTestApp()
  server = createServer(t.app.adapter)
  closeWs = t.app.attachWebSockets(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  tally.report()
  await closeWs()
  server.closeAllConnections()
  await new Promise<void>((r) => server.close(() => r()))
  await t.close()
})

/** A raw upgrade request; resolves with the first line the server answers (or '' when it just closes). */
function upgrade(path: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
    })
    let data = ''
    const timer = setTimeout(() => (socket.destroy(), resolve(data.split('\r\n')[0] ?? '')), 3000)
    socket.on('data', (d) => {
      data += d.toString()
      if (data.includes('\r\n')) (clearTimeout(timer), socket.destroy(), resolve(data.split('\r\n')[0]!))
    })
    socket.on('close', () => (clearTimeout(timer), resolve(data.split('\r\n')[0] ?? '')))
    socket.on('error', () => {})
  })
}

describe('WebSocket upgrades with malformed paths', () => {
  it('are refused on their socket and the server keeps serving', async () => {
    for (const path of ['/v1/api/workflows/%zz/nodes/web/terminal', '/v1/api/workflows/x/nodes/%E0%A4%A/terminal', '/%', '/graphql?%zz']) {
      const first = await upgrade(path)
      tally.add('upgrade probes')
      expect(first, path).not.toBe('')
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(health.status, `server still up after ${path}`).toBe(200)
    }
  })
})
