import { randomBytes } from 'node:crypto'
import { createTestDatabase, type TestDatabase } from '@kubeorch/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES } from '../../src/graphql/request-limits.ts'
import { startReplicaProcess, type ReplicaProcess } from '../support/replica-processes.ts'
import { createTally } from './support/tally.ts'

// Anonymous GraphQL work is bounded before parsing. Before: a 4–5 MB document held the event loop
// for 3–10 s (/healthz waited as long) and every distinct document stayed in yoga's parse cache
// for an hour (three of the flood documents below: RSS 257 → 2,243 MB). The API runs as its own process here (started with
// --expose-gc), so its resident memory can be read after full collections.

const MB = 1024 * 1024
let database: TestDatabase
let api: ReplicaProcess
const tally = createTally('anonymous-load', 'fuzz')

beforeAll(async () => {
  database = await createTestDatabase()
  api = await startReplicaProcess(
    { databaseUrl: database.url, jwtSecret: randomBytes(32).toString('hex'), encryptionKey: randomBytes(32).toString('base64'), scheduler: false },
    { measureMemory: true },
  )
}, 90_000)
afterAll(async () => {
  tally.report()
  await api?.kill()
  await database?.drop()
})

/** Distinct documents each time: a cache keyed by the text cannot answer any of them. */
const seed = () => `x${randomBytes(6).toString('hex')}`
const attacks: { name: string; document: () => string; status: number[] }[] = [
  // ~4.5 MB of fields: parsed, this took seconds and ~70 MB of AST each.
  { name: '4.5 MB field flood', document: () => `{ ${seed()} ${'me { id } '.repeat(450_000)}}`, status: [413] },
  // Just under the byte limit, far over the token limit: refused as it is lexed.
  { name: '63 KiB token flood', document: () => `{ ${seed()} ${'a '.repeat((MAX_DOCUMENT_BYTES - 1024) / 2)}}`, status: [400] },
  // Just under both limits: parsed and validated (an unknown argument), remembered within the cache's budget.
  { name: '63 KiB literal', document: () => `{ me(x: "${seed()}${'x'.repeat(MAX_DOCUMENT_BYTES - 1024)}") { id } }`, status: [200, 400] },
]

/** One request; a timeout or a dropped connection is answer 0, so the test reports it as such. */
async function timed(url: string, init: RequestInit = {}): Promise<{ status: number; ms: number }> {
  const started = performance.now()
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) })
    await res.arrayBuffer()
    return { status: res.status, ms: performance.now() - started }
  } catch {
    return { status: 0, ms: performance.now() - started }
  }
}
const post = (document: string) =>
  timed(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query: document }) })

describe('anonymous GraphQL documents near and over the limits', () => {
  it('are refused fast, /healthz answers while they arrive, and memory comes back down', async () => {
    // Warm up what a first request loads (JIT, modules), then measure the baseline.
    for (const a of attacks) await post(a.document())
    const baseline = await api.rss()

    const answers: { name: string; status: number; ms: number }[] = []
    const health: number[] = []
    let attacking = true
    const healthProbe = (async () => {
      while (attacking) {
        const { status, ms } = await timed(`${api.url}/healthz`)
        if (attacking) health.push(status === 200 ? ms : Infinity)
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    // Four anonymous clients, each sending every kind of document several times.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let round = 0; round < 4; round++)
          for (const a of attacks) {
            const answer = await post(a.document())
            answers.push({ name: a.name, ...answer })
            tally.add('anonymous oversized documents')
          }
      }),
    )
    attacking = false
    await healthProbe
    const after = await api.rss()

    for (const a of answers) expect(attacks.find((x) => x.name === a.name)!.status, `${a.name} → ${a.status}`).toContain(a.status)
    // Generous bounds for a loaded 2-core machine; parsing one 4.5 MB document took 5–10 s.
    const slowest = Math.max(...answers.map((a) => a.ms))
    expect(slowest, `slowest refusal ${slowest.toFixed(0)} ms`).toBeLessThan(4_000)
    expect(health.length, 'healthz answered while the attack ran').toBeGreaterThanOrEqual(3)
    const slowestHealth = Math.max(...health)
    expect(slowestHealth, `slowest /healthz ${slowestHealth.toFixed(0)} ms`).toBeLessThan(2_500)
    // What may stay is the parse cache's budget (~16 MB estimated); three 4.5 MB documents kept ~2 GB.
    const grown = (after - baseline) / MB
    console.log(`[anonymous-load] RSS baseline ${(baseline / MB).toFixed(0)} MB, after ${(after / MB).toFixed(0)} MB (${grown.toFixed(0)} MB), slowest refusal ${slowest.toFixed(0)} ms, slowest /healthz ${slowestHealth.toFixed(0)} ms of ${health.length}`)
    expect(grown, `RSS grew ${grown.toFixed(0)} MB`).toBeLessThan(60)
  }, 300_000)
})
