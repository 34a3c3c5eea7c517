import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@kubeorch/db/testing'
import { signWebhook } from '../../src/services/triggers/webhook-signature.ts'
import { requestReplica, startReplicaProcess, type ReplicaProcess } from '../support/replica-processes.ts'
import { kubeconfigPath, until } from './support.ts'

// Two API replicas as real processes on one PostgreSQL, deploying to the real control plane.
// Short enough to keep the takeover test quick, long enough that a replica starved of CPU by the
// rest of the suite for a few seconds does not lose its runs (a 3 s lease did once in CI).
const LEASE_MS = 8_000
const SWEEP_MS = 1_000
const ns = `rep-${randomBytes(3).toString('hex')}`
let database: TestDatabase
let a: ReplicaProcess
let b: ReplicaProcess
let token: string
let id: string

const api = (r: ReplicaProcess, method: string, path: string, body?: unknown) => requestReplica(r, token, method, path, body)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const runEnded = (runId: string) =>
  until(`run ${runId} to end`, async () => {
    const run = await database.db.workflowRun.findUnique({ where: { id: runId } })
    return run && run.status !== 'RUNNING' ? run : undefined
  }, 150_000)

const design = {
  nodes: [
    { id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 80 }] } },
    { id: 'svc', type: 'service', position: { x: 300, y: 0 }, data: { name: 'web', namespace: ns, port: 80 } },
  ],
  edges: [{ id: 'e1', source: 'svc', target: 'web' }],
}

beforeAll(async () => {
  database = await createTestDatabase()
  const shared = {
    databaseUrl: database.url,
    jwtSecret: randomBytes(32).toString('hex'),
    encryptionKey: randomBytes(32).toString('base64'),
    eventBus: 'postgres' as const,
    replicaLeaseMs: LEASE_MS,
    replicaSweepMs: SWEEP_MS,
    schedulerCheckSeconds: 2,
    runHealthTimeoutMs: 120_000,
  }
  ;[a, b] = await Promise.all([startReplicaProcess(shared), startReplicaProcess(shared)])
  const reg = await api(a, 'POST', '/v1/api/auth/register', { email: 'ops@example.test', password: 'correct horse battery' })
  token = reg.body.token
  expect((await api(a, 'POST', '/v1/api/clusters', { name: 'testenv', kubeconfig: readFileSync(kubeconfigPath(), 'utf8') })).status).toBe(201)
  id = (await api(a, 'POST', '/v1/api/workflows', { name: 'replicated', cluster_id: 'testenv' })).body.id
  expect((await api(b, 'POST', `/v1/api/workflows/${id}/save`, { ...design, revision: 0 })).status).toBe(200)
  expect((await api(a, 'PUT', `/v1/api/workflows/${id}/status`, { status: 'published' })).status).toBe(200)
})

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()])
  await database?.drop()
})

describe('two API replicas on one PostgreSQL', () => {
  it('a subscriber on replica B sees a run started through replica A, live', async () => {
    const ac = new AbortController()
    const res = await fetch(`${b.url}/v1/api/workflows/${id}/status/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal })
    const reader = res.body!.getReader()
    let text = ''
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += new TextDecoder().decode(value)
      }
    })().catch(() => {})
    await until('the metadata event', async () => text.includes('event: metadata'), 10_000)
    const started = await api(a, 'POST', `/v1/api/workflows/${id}/run`, {})
    expect(started.status, JSON.stringify(started.body)).toBe(202)
    const runId = started.body.run_id
    await until('run_started on B', async () => text.includes('event: run_started') && text.includes(runId), 10_000)
    await until('run_completed on B', async () => /event: run_completed\ndata: [^\n]*"status":"completed"/.test(text), 150_000).catch(async (e: Error) => {
      const run = await database.db.workflowRun.findUnique({ where: { id: runId }, select: { status: true, error: true } })
      throw new Error(`${e.message}; run ${JSON.stringify(run)}; B's stream ends with:\n${text.slice(-1500)}`)
    })
    expect(text).toContain('event: node_update')
    expect(text).toContain('event: run_log')
    ac.abort()
    await reading
    const run = await runEnded(runId)
    expect(run.status).toBe('COMPLETED')
    expect(run.ownerReplica).toContain(`-${a.pid}-`)
  })

  it('a signed webhook sent to either replica starts one run; a bad or replayed signature is refused and starts nothing', async () => {
    const created = await api(a, 'POST', `/v1/api/workflows/${id}/triggers`, { kind: 'webhook', name: 'ci' })
    expect(created.status).toBe(201)
    const { url, secret } = created.body
    const send = (r: ReplicaProcess, body: string, ts: number, signature = signWebhook(secret, ts, body)) =>
      fetch(r.url + url, { method: 'POST', headers: { 'x-kubeorch-timestamp': String(ts), 'x-kubeorch-signature': signature }, body })
    const body = JSON.stringify({ ref: 'main', sha: 'c0ffee' })
    const ts = Math.floor(Date.now() / 1000)
    const runsBefore = await database.db.workflowRun.count()

    expect((await send(a, body, ts, signWebhook('whsec_guess', ts, body))).status).toBe(401)
    const ok = await send(b, body, ts)
    expect(ok.status).toBe(202)
    const { run_id: runId } = await ok.json()
    expect((await send(a, body, ts)).status).toBe(409) // the same delivery, replayed to the other replica
    expect((await send(b, body, ts - 600, signWebhook(secret, ts - 600, body))).status).toBe(401) // stale

    const run = await runEnded(runId)
    expect(run).toMatchObject({ status: 'COMPLETED', triggeredBy: 'WEBHOOK', triggerId: created.body.id, triggerData: { ref: 'main', sha: 'c0ffee' } })
    expect(run.ownerReplica).toContain(`-${b.pid}-`)
    expect(await database.db.workflowRun.count()).toBe(runsBefore + 1)
    // The replica that ran it now watches the workflow; the other stopped its watcher.
    expect((await database.db.monitorLease.findUniqueOrThrow({ where: { workflowId: id } })).replicaId).toBe(run.ownerReplica)
  })

  it('a schedule tick fires once across both replicas, not twice', async () => {
    const created = await api(b, 'POST', `/v1/api/workflows/${id}/triggers`, { kind: 'schedule', cron: '* * * * *', timezone: 'UTC' })
    expect(created.status).toBe(201)
    const triggerId = created.body.id
    expect(new Date(created.body.trigger.next_fire_at).getTime() - Date.now()).toBeLessThanOrEqual(60_000)
    const firing = await until('the first tick', async () => {
      const f = await database.db.triggerFiring.findFirst({ where: { triggerId, outcome: { not: 'firing' } }, orderBy: { at: 'asc' } })
      return f ?? undefined
    }, 100_000)
    // Give both replicas' schedulers a few more passes over the same occurrence.
    await sleep(6_000)
    expect(firing.outcome).toBe('started')
    const run = await runEnded(firing.runId!)
    expect(run).toMatchObject({ triggeredBy: 'SCHEDULE', triggerId })
    // pg-boss may hand one occurrence over more than once (a pass can file a catch-up occurrence
    // beside the due one: two jobs for one minute were seen in CI), to either replica: still one
    // run per tick, each recorded by its firing.
    const runs = await database.db.workflowRun.findMany({ where: { triggerId }, select: { id: true } })
    const started = await database.db.triggerFiring.findMany({ where: { triggerId, outcome: 'started' }, select: { runId: true } })
    expect(runs.map((r) => r.id).sort()).toEqual(started.map((f) => f.runId).sort())
    expect((await api(a, 'PUT', `/v1/api/workflows/${id}/triggers/${triggerId}`, { enabled: false })).body.enabled).toBe(false)
    const listed = await api(b, 'GET', `/v1/api/workflows/${id}/triggers/${triggerId}/firings`)
    expect(listed.body.firings.at(-1)).toMatchObject({ outcome: 'started', run_id: firing.runId })
  })

  it('killing the replica that owns a run: the other fails it and takes the watcher over within the lease bound', async () => {
    // Wait for anything the schedule started before it was disabled.
    await until('no active run', async () => (await database.db.workflowRun.count({ where: { workflowId: id, status: 'RUNNING' } })) === 0, 150_000)
    const started = await api(a, 'POST', `/v1/api/workflows/${id}/run`, {})
    expect(started.status).toBe(202)
    const runId = started.body.run_id
    await a.kill('SIGKILL')
    const killedAt = Date.now()
    const run = await runEnded(runId)
    const takeoverMs = Date.now() - killedAt
    console.log(`run failed by the surviving replica ${takeoverMs} ms after SIGKILL (lease ${LEASE_MS} ms, sweep ${SWEEP_MS} ms)`)
    expect(run.status).toBe('FAILED')
    expect(run.error).toMatch(new RegExp(`^interrupted by server restart \\(replica .*-${a.pid}-.* stopped\\)$`))
    expect(takeoverMs).toBeLessThan(LEASE_MS + 3 * SWEEP_MS + 2_000)
    const log = await database.db.runLog.findMany({ where: { runId }, orderBy: { id: 'asc' } })
    expect(log.at(-1)!.message).toContain("interrupted by server restart (replica")
    // B watches the workflow now (one lease row per workflow: no second watcher).
    const lease = await until('B to hold the monitor lease', async () => {
      const l = await database.db.monitorLease.findUnique({ where: { workflowId: id } })
      return l && l.replicaId.includes(`-${b.pid}-`) ? l : undefined
    }, LEASE_MS + 5_000)
    expect(lease.expiresAt.getTime()).toBeGreaterThan(Date.now())
    // B still serves, and a new run can start (the failed one no longer blocks it).
    const next = await api(b, 'POST', `/v1/api/workflows/${id}/run`, {})
    expect(next.status, JSON.stringify(next.body)).toBe(202)
    expect((await runEnded(next.body.run_id)).status).toBe('COMPLETED')
  })
})
