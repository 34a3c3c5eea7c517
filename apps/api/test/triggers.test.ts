import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fireSchedule } from '../src/services/triggers/fire-schedule.ts'
import { signWebhook } from '../src/services/triggers/webhook-signature.ts'
import { sampleGraph } from './support/sample-graph.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

let t: TestApp
let token: string
let id: string

beforeAll(async () => {
  t = await createTestApp()
  ;({ token } = await t.signUp('trig'))
  await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'c1' } })
  id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'hooked', cluster_id: 'c1' } })).body.id
  await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: { ...sampleGraph(), revision: 0 } })
  await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })
})
afterAll(() => t.close())

/** Sends a webhook through the app's fetch handler, signed unless told otherwise. */
async function deliver(url: string, body: string, opts: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000)
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-kubeorch-timestamp': String(ts) }
  headers['x-kubeorch-signature'] = opts.signature ?? signWebhook(opts.secret!, ts, body)
  const res = await t.app.handle(new Request(`http://test${url}`, { method: 'POST', headers, body }))
  return { status: res.status, body: await res.json() }
}

/** Waits until no run of the workflow is running (runs against cluster c1, which has no credentials, fail fast). */
async function settle() {
  await t.deps.background.drain()
}

describe('schedule triggers', () => {
  it('creates a schedule over REST with its next fire time in the time zone, lists and updates it', async () => {
    const res = await t.rest('POST', `/v1/api/workflows/${id}/triggers`, { token, body: { kind: 'schedule', cron: '30 9 * * 1-5', timezone: 'Europe/Berlin', name: 'weekday mornings' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.secret).toBeNull()
    const trig = res.body.trigger
    expect(trig).toMatchObject({ kind: 'schedule', cron: '30 9 * * 1-5', timezone: 'Europe/Berlin', enabled: true, name: 'weekday mornings' })
    const next = new Date(trig.next_fire_at)
    expect(next.getTime()).toBeGreaterThan(Date.now())
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(next)
    expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:30$/)

    const off = await t.rest('PUT', `/v1/api/workflows/${id}/triggers/${trig.id}`, { token, body: { enabled: false } })
    expect(off.body).toMatchObject({ enabled: false, next_fire_at: null })
    const list = await t.rest('GET', `/v1/api/workflows/${id}/triggers`, { token })
    expect(list.body.triggers.map((x: { id: string }) => x.id)).toContain(trig.id)
  })

  it('refuses a bad cron expression, seconds, and an unknown time zone, naming the field', async () => {
    for (const [body, field] of [
      [{ kind: 'schedule', cron: 'every minute' }, 'cron'],
      [{ kind: 'schedule', cron: '*/10 * * * * *' }, 'cron'],
      [{ kind: 'schedule', cron: '* * * * *', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ kind: 'sometimes' }, 'kind'],
    ] as const) {
      const res = await t.rest('POST', `/v1/api/workflows/${id}/triggers`, { token, body })
      expect(res.status).toBe(400)
      expect(res.body.details.issues[0].field).toBe(field)
    }
  })

  it('a tick starts one run once; the same tick again starts nothing; a tick during an active run is skipped and recorded', async () => {
    const created = await t.rest('POST', `/v1/api/workflows/${id}/triggers`, { token, body: { kind: 'schedule', cron: '* * * * *' } })
    const trigId = created.body.id
    const now = new Date()
    const first = await fireSchedule(t.deps, trigId, now)
    expect(first).toMatchObject({ outcome: 'started' })
    const again = await fireSchedule(t.deps, trigId, new Date(now.getTime() + 500))
    expect(again).toMatchObject({ duplicate: true })
    const run = await t.rest('GET', `/v1/api/workflows/${id}/runs/${first!.runId}`, { token })
    expect(run.body).toMatchObject({ triggered_by: 'schedule', triggered_by_user: null, trigger_id: trigId })
    expect(run.body.trigger_data.trigger_id).toBe(trigId)
    expect((await t.db.workflowRun.findUniqueOrThrow({ where: { id: first!.runId! } })).triggerId).toBe(trigId)
    await settle()

    // A run that is still active when the next tick comes.
    const active = await t.db.workflowRun.create({ data: { workflowId: id, version: 1, ownerReplica: t.deps.replica.id, leaseExpiresAt: new Date(Date.now() + 60_000) } })
    const skipped = await fireSchedule(t.deps, trigId, new Date(now.getTime() + 60_000))
    expect(skipped).toMatchObject({ outcome: 'skipped', runId: null })
    expect(skipped!.message).toContain(active.id)
    await t.db.workflowRun.update({ where: { id: active.id }, data: { status: 'CANCELLED' } })

    const firings = await t.rest('GET', `/v1/api/workflows/${id}/triggers/${trigId}/firings`, { token })
    expect(firings.body.total).toBe(2)
    expect(firings.body.firings.map((f: { outcome: string }) => f.outcome)).toEqual(['skipped', 'started'])
    await t.rest('DELETE', `/v1/api/workflows/${id}/triggers/${trigId}`, { token })
  })
})

describe('webhook triggers', () => {
  let url: string
  let secret: string

  it('shows the secret and URL once (GraphQL), stores the secret sealed, never returns it again', async () => {
    const res = await t.gql(
      `mutation($id: ID!) { createTrigger(workflowId: $id, input: { kind: webhook, name: "ci" }) {
         ... on MutationCreateTriggerSuccess { data { secret url trigger { id kind tokenPrefix } } } } }`,
      { id },
      token,
    )
    const created = res.data?.createTrigger.data
    expect(created, JSON.stringify(res)).toBeTruthy()
    ;({ url, secret } = created)
    expect(url).toMatch(/^\/v1\/api\/hooks\/wh_[A-Za-z0-9_-]{32}$/)
    expect(secret).toMatch(/^whsec_/)
    const row = await t.db.workflowTrigger.findUniqueOrThrow({ where: { id: created.trigger.id } })
    expect(Buffer.from(row.secret!).toString('latin1')).not.toContain(secret)
    expect(row.tokenHash).not.toContain(url.split('/').at(-1))
    const listed = await t.gql(`query($id: ID!) { triggers(workflowId: $id) { ... on QueryTriggersSuccess { data { id kind tokenPrefix } } } }`, { id }, token)
    expect(JSON.stringify(listed)).not.toContain(secret)
    const rest = await t.rest('GET', `/v1/api/workflows/${id}/triggers/${created.trigger.id}`, { token })
    expect(JSON.stringify(rest.body)).not.toContain(secret)
    expect(rest.body).toMatchObject({ kind: 'webhook', token_prefix: url.split('/').at(-1)!.slice(0, 8) })
  })

  it('a signed delivery starts a run with the payload as trigger data', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', commit: 'abc123' })
    const res = await deliver(url, body, { secret })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    const run = await t.rest('GET', `/v1/api/workflows/${id}/runs/${res.body.run_id}`, { token })
    expect(run.body).toMatchObject({ triggered_by: 'webhook', trigger_id: expect.any(String), trigger_data: { ref: 'refs/heads/main', commit: 'abc123' } })
    await settle()
  })

  it('refuses bad, stale and replayed signatures, oversize and non-JSON bodies, unknown tokens; nothing is started', async () => {
    const runsBefore = await t.db.workflowRun.count()
    const body = JSON.stringify({ n: 1 })
    const ts = Math.floor(Date.now() / 1000)
    expect((await deliver(url, body, { secret: 'whsec_wrong' })).status).toBe(401)
    expect((await deliver(url, body, { signature: '' })).status).toBe(401)
    // A body changed after signing.
    expect((await deliver(url, body, { signature: signWebhook(secret, ts, '{"n":2}'), timestamp: ts })).status).toBe(401)
    const stale = await deliver(url, body, { secret, timestamp: ts - 3600 })
    expect(stale.status).toBe(401)
    expect(stale.body.error).toMatch(/replays are refused/)
    expect((await deliver(url, 'not json', { secret })).status).toBe(400)
    expect((await deliver(url, JSON.stringify({ big: 'x'.repeat(70_000) }), { secret })).status).toBe(413)
    expect((await deliver('/v1/api/hooks/wh_doesnotexist', body, { secret })).status).toBe(404)
    expect(await t.db.workflowRun.count()).toBe(runsBefore)

    // The first delivery of a fresh payload is accepted, the same one again is a replay.
    const first = await deliver(url, body, { secret, timestamp: ts })
    expect(first.status, JSON.stringify(first.body)).toBe(202)
    await settle()
    const replay = await deliver(url, body, { secret, timestamp: ts })
    expect(replay.status).toBe(409)
    expect(replay.body.error).toMatch(/replay/)
    expect(await t.db.workflowRun.count()).toBe(runsBefore + 1)
  })

  it("another user's workflow triggers are not found", async () => {
    const eve = await t.signUp('eve')
    expect((await t.rest('GET', `/v1/api/workflows/${id}/triggers`, { token: eve.token })).status).toBe(404)
    expect((await t.rest('POST', `/v1/api/workflows/${id}/triggers`, { token: eve.token, body: { kind: 'webhook' } })).status).toBe(404)
  })
})
