import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '@kubeorch/db'
import { freePort } from '@kubeorch/db/testing'
import { configSchema } from '../../src/config.ts'
import { startServer, type RunningServer } from '../../src/server.ts'
import { sampleGraph } from '../support/sample-graph.ts'
import { createTally } from './support/tally.ts'

// A PostgreSQL server of its own (the shared test server must not be restarted under other test
// files), stopped and started again under a running API: requests while it is down fail within
// a bounded time with a clean 503 JSON error (REST) or a GraphQL error saying so — none hangs,
// none is a bare 500 — and the API serves again by itself once PostgreSQL is back, with nothing lost.

const tally = createTally('postgres-restart', 'faults', 'fault scenarios')
const REQUEST_BOUND_MS = 15_000
const RECOVERY_BOUND_MS = 30_000

let dir: string
let port: number
let pg: EmbeddedDatabase | undefined
let server: RunningServer
let token: string
let id: string

const startPg = async () => (pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port, persistent: true }))

type Answer = { status: number; body: any; ms: number }
async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const started = Date.now()
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_BOUND_MS + 5_000),
  })
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = { __notJson: text }
  }
  return { status: res.status, body: parsed, ms: Date.now() - started }
}

const probes = (): [string, string, unknown?][] => [
  ['GET', '/v1/api/workflows'],
  ['GET', `/v1/api/workflows/${id}`],
  ['POST', `/v1/api/workflows/${id}/save`, { ...sampleGraph({ replicas: 9 }), revision: 1 }],
  ['POST', `/v1/api/workflows/${id}/versions`, { name: 'during outage' }],
  ['POST', '/v1/api/auth/login', { email: 'pg@example.test', password: 'long enough pw' }],
  ['POST', '/graphql', { query: '{ workflows { ... on QueryWorkflowsSuccess { data { total } } } }' }],
  ['POST', '/graphql', { query: `mutation { createVersion(workflowId: "${'x'}") { __typename } }` }],
]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubeorch-pg-restart-'))
  chmodSync(dir, 0o755)
  port = await freePort()
  await startPg()
  await migrateDatabase(pg!.url)
  server = await startServer(
    configSchema.parse({ port: 0, databaseUrl: pg!.url, jwtSecret: randomBytes(32).toString('hex'), encryptionKey: randomBytes(32).toString('base64'), replicaSweepMs: 500, replicaLeaseMs: 2000, scheduler: false }),
  )
  token = (await call('POST', '/v1/api/auth/register', { email: 'pg@example.test', password: 'long enough pw' })).body.token
  await call('POST', '/v1/api/clusters', { name: 'c1' })
  id = (await call('POST', '/v1/api/workflows', { name: 'survivor', cluster_id: 'c1' })).body.id
  expect((await call('POST', `/v1/api/workflows/${id}/save`, { ...sampleGraph(), revision: 0 })).status).toBe(200)
}, 120_000)
afterAll(async () => {
  tally.report()
  await server?.stop().catch(() => {})
  await pg?.stop().catch(() => {})
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('PostgreSQL restarted under a running API', () => {
  it('in-flight and new requests fail cleanly and in bounded time; the API recovers by itself; nothing is lost', async () => {
    // Requests already on their way when PostgreSQL goes down…
    const inFlight = Promise.all(Array.from({ length: 3 }, () => probes()).flat().map(([m, p, b]) => call(m, p, b)))
    await pg!.stop()
    tally.add('fault scenarios')
    // …and requests while it is down.
    const during = await Promise.all(probes().map(([m, p, b]) => call(m, p, b)))
    const all = [...(await inFlight), ...during]
    for (const a of all) {
      tally.add('requests during outage')
      expect(a.ms, JSON.stringify(a.body)).toBeLessThan(REQUEST_BOUND_MS)
      expect(a.body.__notJson, `not JSON: ${a.body.__notJson}`).toBeUndefined()
      if (a.status < 300) continue // finished before the stop
      const isGraphql = 'errors' in a.body || 'data' in a.body
      if (isGraphql) {
        expect(JSON.stringify(a.body.errors)).toMatch(/database is unavailable/)
        expect(a.status).toBe(503)
      } else {
        expect(a.status, JSON.stringify(a.body)).toBe(503)
        expect(a.body.error).toMatch(/database is unavailable/)
      }
    }
    expect(during.every((a) => a.status === 503)).toBe(true)
    // Stay down for a few lease sweeps (every 500 ms here): background loops must survive failing.
    await new Promise((r) => setTimeout(r, 2000))
    const later = await call('GET', '/v1/api/workflows')
    expect(later.status).toBe(503)

    await startPg()
    const deadline = Date.now() + RECOVERY_BOUND_MS
    let back: Answer | undefined
    while (Date.now() < deadline) {
      back = await call('GET', `/v1/api/workflows/${id}`)
      if (back.status === 200) break
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(back?.status, JSON.stringify(back?.body)).toBe(200)
    // Nothing half-written: the design is the last one saved before the outage, or one saved by
    // a request that answered 200.
    const saved = all.find((a) => a.status === 200 && a.body?.nodes && a.body.revision === 2)
    expect(back!.body.revision).toBe(saved ? 2 : 1)
    expect(back!.body.nodes[0].data.replicas).toBe(saved ? 9 : 2)
    // Every kind of request works again, on the same process.
    const write = await call('POST', `/v1/api/workflows/${id}/save`, { ...sampleGraph({ replicas: 5 }), revision: back!.body.revision })
    expect(write.status, JSON.stringify(write.body)).toBe(200)
    expect((await call('POST', '/graphql', { query: '{ me { email } }' })).body.data.me.email).toBe('pg@example.test')
    expect((await call('POST', '/v1/api/auth/login', { email: 'pg@example.test', password: 'long enough pw' })).status).toBe(200)
  }, 120_000)
})
