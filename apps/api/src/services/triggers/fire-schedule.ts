import type { Deps } from '../context.ts'
import { latestTick, ticksBetween } from './cron-schedule.ts'
import { fireTrigger, type Firing } from './fire-trigger.ts'

// A tick handled this long after it occurred was caught up after downtime, not fired on time.
const LATE_MS = 90_000

/**
 * Handles one schedule tick delivered by pg-boss (to one replica). The tick is the latest cron
 * occurrence at or before now. Missed-ticks policy (pg-boss `missed: 'once'`): occurrences that
 * fell while no replica was running are not replayed one by one; the latest of them fires once
 * when a replica is back, and the firing records how many were skipped.
 */
export async function fireSchedule(deps: Deps, triggerId: string, now = new Date()): Promise<Firing | undefined> {
  const trigger = await deps.db.workflowTrigger.findUnique({ where: { id: triggerId } })
  if (!trigger || trigger.kind !== 'SCHEDULE' || !trigger.enabled || !trigger.cron) return undefined
  const tz = trigger.timezone ?? 'UTC'
  const tick = latestTick(trigger.cron, tz, now)
  let note: string | undefined
  if (now.getTime() - tick.getTime() > LATE_MS) {
    const since = trigger.lastFiredAt ?? trigger.createdAt
    const skipped = ticksBetween(trigger.cron, tz, since, tick)
    note = `caught up ${Math.round((now.getTime() - tick.getTime()) / 1000)}s late after no replica was running` +
      (skipped ? `; ${skipped} earlier missed tick(s) skipped` : '')
  }
  return fireTrigger(deps, trigger, { tick, triggerData: { trigger_id: trigger.id, tick: tick.toISOString() }, note })
}
