import { describe, expect, it } from 'vitest'
import { createInProcessEventBus, type WorkflowEvent } from '../src/events.ts'

const started = (runId: string): WorkflowEvent => ({ type: 'run_started', workflowId: 'w1', runId, version: 2, triggeredBy: 'manual' })

/** The next event of a subscription, or 'nothing' if none arrives within a few ticks. */
async function nextOrNothing(it: AsyncIterableIterator<WorkflowEvent>): Promise<WorkflowEvent | 'nothing' | 'ended'> {
  const timeout = new Promise<'nothing'>((r) => setTimeout(() => r('nothing'), 50))
  const next = it.next().then((r) => (r.done ? ('ended' as const) : r.value))
  return Promise.race([next, timeout])
}

describe('in-process event bus', () => {
  // A page that leaves while another page of the same workflow subscribes (resource page → canvas):
  // graphql-ws calls return() and the request's abort signal fires too. The late second stop of
  // the old subscriber must not unregister the new one, which would then never see a live event.
  it('a subscriber that stops twice does not cut off a newer subscriber of the same workflow', async () => {
    const bus = createInProcessEventBus()
    const leaving = new AbortController()
    const old = bus.subscribe('w1', leaving.signal)
    await old.return!()
    const fresh = bus.subscribe('w1')
    leaving.abort()

    bus.publish(started('r2'))
    expect(await nextOrNothing(fresh)).toEqual(started('r2'))
    expect(await nextOrNothing(old)).toBe('ended')
    expect(bus.subscriberCount('w1')).toBe(1)
  })

  it('every subscriber of a workflow gets each event once, in order; other workflows none', async () => {
    const bus = createInProcessEventBus()
    const a = bus.subscribe('w1')
    const b = bus.subscribe('w1')
    const other = bus.subscribe('w2')
    bus.publish(started('r1'))
    bus.publish(started('r2'))
    for (const s of [a, b]) {
      expect(await nextOrNothing(s)).toEqual(started('r1'))
      expect(await nextOrNothing(s)).toEqual(started('r2'))
      expect(await nextOrNothing(s)).toBe('nothing')
    }
    expect(await nextOrNothing(other)).toBe('nothing')
  })

  it('a subscriber that falls 1,000 events behind is disconnected with a reason; the others go on', async () => {
    const bus = createInProcessEventBus()
    const slow = bus.subscribe('w1')
    for (let i = 0; i < 1001; i++) bus.publish(started(`r${i}`))
    const keeping = bus.subscribe('w1')
    bus.publish(started('after'))
    expect(await nextOrNothing(keeping)).toEqual(started('after'))
    let received = 0
    await expect(
      (async () => {
        for (;;) {
          const r = await slow.next()
          if (r.done) return
          received++
        }
      })(),
    ).rejects.toThrow(/fell too far behind/)
    expect(received).toBe(1000)
    expect(bus.subscriberCount('w1')).toBe(1)
  })
})
