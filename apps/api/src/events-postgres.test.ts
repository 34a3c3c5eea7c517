import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@kubeorch/db/testing'
import type { WorkflowEvent } from './events.ts'
import { createPostgresEventBus, encode, MAX_NOTIFY_BYTES } from './events-postgres.ts'

const wf = '00000000-0000-4000-8000-000000000001'

describe('NOTIFY payloads', () => {
  it('keeps small events whole and trims large ones under the limit', () => {
    const small: WorkflowEvent = { type: 'run_log', workflowId: wf, runId: 'r', at: 'now', level: 'info', message: 'hi' }
    expect(JSON.parse(encode({ o: 'a', e: small })!).e).toEqual(small)
    const big: WorkflowEvent = { type: 'node_update', workflowId: wf, nodeId: 'n', state: 'error', message: 'é'.repeat(6000), details: { logs: 'x'.repeat(20_000) } }
    const text = encode({ o: 'a', e: big })!
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_NOTIFY_BYTES)
    const trimmed = JSON.parse(text).e
    expect(trimmed).toMatchObject({ type: 'node_update', nodeId: 'n', state: 'error', truncated: true, details: { truncated: true } })
    expect(trimmed.message).toMatch(/… \[truncated]$/)
  })
})

describe('the PostgreSQL event bus', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.drop())

  it("delivers one replica's events to the other's subscribers once, in order", async () => {
    const one = createPostgresEventBus(database.url, 'one')
    const two = createPostgresEventBus(database.url, 'two')
    await Promise.all([one.start(), two.start()])
    const ac = new AbortController()
    const seenOnTwo: WorkflowEvent[] = []
    const seenOnOne: WorkflowEvent[] = []
    const collect = (bus: typeof one, into: WorkflowEvent[]) =>
      (async () => {
        for await (const e of bus.subscribe(wf, ac.signal)) into.push(e)
      })().catch(() => {})
    const c1 = collect(one, seenOnOne)
    const c2 = collect(two, seenOnTwo)
    for (let i = 0; i < 20; i++) one.publish({ type: 'version_created', workflowId: wf, version: i })
    const deadline = Date.now() + 5_000
    while (seenOnTwo.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    await new Promise((r) => setTimeout(r, 200))
    ac.abort()
    await Promise.all([c1, c2])
    await Promise.all([one.stop(), two.stop()])
    const versions = (es: WorkflowEvent[]) => es.map((e) => (e as { version: number }).version)
    expect(versions(seenOnTwo)).toEqual([...Array(20).keys()])
    expect(versions(seenOnOne)).toEqual([...Array(20).keys()]) // its own, once (not echoed back)
  })
})
