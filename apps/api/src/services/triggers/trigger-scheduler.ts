import { PgBoss } from 'pg-boss'
import type { WorkflowTrigger } from '@kubeorch/db'
import type { Deps } from '../context.ts'
import { fireSchedule } from './fire-schedule.ts'

export const SCHEDULE_QUEUE = 'kubeorch-schedule-tick'
type TickJob = { triggerId: string }

/**
 * Schedule triggers on pg-boss, in the product's own PostgreSQL (schema `pgboss`). Every replica
 * runs one: pg-boss lets one of them per interval turn due cron occurrences into jobs (a 60 s
 * singleton slot per schedule), and each job goes to exactly one replica's worker. pg-boss can
 * still file one minute twice (a catch-up occurrence beside the due one; seen with two replicas),
 * so our TriggerFiring row, unique per (trigger, tick), is the lock that counts: a tick starts at
 * most one run however many jobs deliver it.
 */
export function createTriggerScheduler() {
  let boss: PgBoss | undefined
  const scheduler = {
    async start(deps: Deps) {
      if (!deps.config.scheduler || boss) return
      const check = deps.config.schedulerCheckSeconds
      boss = new PgBoss({
        connectionString: deps.config.databaseUrl,
        schema: 'pgboss',
        max: 4,
        cronMonitorIntervalSeconds: check,
        cronWorkerIntervalSeconds: Math.min(check, 5),
      })
      boss.on('error', (e) => console.warn(`scheduler: ${(e as Error).message}`))
      await boss.start()
      await boss.createQueue(SCHEDULE_QUEUE, { retryLimit: 0, expireInSeconds: 600 })
      await reconcile(deps, boss)
      await boss.work<TickJob>(SCHEDULE_QUEUE, { pollingIntervalSeconds: Math.min(check, 2) }, async (jobs) => {
        for (const job of jobs) await fireSchedule(deps, job.data.triggerId)
      })
    },
    /** Mirrors one trigger into pg-boss (a no-op in processes that do not schedule, e.g. tests' in-process apps). */
    async sync(_deps: Deps, trigger: WorkflowTrigger) {
      if (!boss || trigger.kind !== 'SCHEDULE') return
      if (trigger.enabled && trigger.cron) await schedule(boss, trigger)
      else await boss.unschedule(SCHEDULE_QUEUE, trigger.id)
    },
    async stop() {
      const b = boss
      boss = undefined
      await b?.stop({ graceful: true, timeout: 5_000 })
    },
  }
  return scheduler
}
export type TriggerScheduler = ReturnType<typeof createTriggerScheduler>

// Missed occurrences (every replica down): pg-boss sends one job for the latest of them.
const schedule = (boss: PgBoss, t: WorkflowTrigger) =>
  boss.schedule(SCHEDULE_QUEUE, t.cron!, { triggerId: t.id } satisfies TickJob, { tz: t.timezone ?? 'UTC', key: t.id, missed: 'once' })

/** Our trigger table is the truth: schedules made while no scheduler ran are added, stale ones removed. */
async function reconcile(deps: Deps, boss: PgBoss) {
  const wanted = await deps.db.workflowTrigger.findMany({ where: { kind: 'SCHEDULE', enabled: true, workflow: { deletedAt: null } } })
  const existing = await boss.getSchedules(SCHEDULE_QUEUE)
  const byKey = new Map(existing.map((s) => [s.key, s]))
  for (const t of wanted) {
    const have = byKey.get(t.id)
    if (!have || have.cron !== t.cron || have.timezone !== (t.timezone ?? 'UTC')) await schedule(boss, t)
  }
  const keep = new Set(wanted.map((t) => t.id))
  for (const s of existing) if (!keep.has(s.key)) await boss.unschedule(SCHEDULE_QUEUE, s.key)
}
