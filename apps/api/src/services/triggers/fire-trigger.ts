import { Prisma, type WorkflowTrigger } from '@kubeorch/db'
import { ConflictError, DomainError } from '../../errors.ts'
import type { Deps } from '../context.ts'
import { startRun } from '../runs/start-run.ts'

export type FiringOutcome = 'started' | 'skipped' | 'failed'
export type Firing = { outcome: FiringOutcome; runId: string | null; message: string; duplicate?: boolean }

/**
 * Starts a run for a trigger and records the firing. A run still active means `skipped` (SPEC
 * §12), anything else that refuses the run (draft, creator lost access, …) means `failed`; both
 * are recorded, neither throws. A schedule passes its `tick`: the firing row is unique per
 * (trigger, tick), so one occurrence starts at most one run whatever delivers it twice.
 */
export async function fireTrigger(deps: Deps, trigger: WorkflowTrigger, opts: { tick?: Date; triggerData?: unknown; note?: string }): Promise<Firing> {
  let firingId: string | undefined
  if (opts.tick) {
    try {
      firingId = (await deps.db.triggerFiring.create({ data: { triggerId: trigger.id, tick: opts.tick, outcome: 'firing' } })).id
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
        return { outcome: 'skipped', runId: null, message: `tick ${opts.tick.toISOString()} already fired`, duplicate: true }
      throw e
    }
  }
  const firing = await attempt(deps, trigger, opts.triggerData)
  const message = opts.note ? `${firing.message}; ${opts.note}` : firing.message
  const data = { outcome: firing.outcome, runId: firing.runId, message }
  if (firingId) await deps.db.triggerFiring.update({ where: { id: firingId }, data })
  else await deps.db.triggerFiring.create({ data: { triggerId: trigger.id, ...data } })
  await deps.db.workflowTrigger.update({ where: { id: trigger.id }, data: { lastFiredAt: new Date() } })
  return { ...firing, message }
}

async function attempt(deps: Deps, trigger: WorkflowTrigger, triggerData: unknown): Promise<Firing> {
  if (!trigger.createdById) return { outcome: 'failed', runId: null, message: 'the user who created this trigger no longer exists' }
  const kind = trigger.kind === 'SCHEDULE' ? 'SCHEDULE' : 'WEBHOOK'
  try {
    const run = await startRun(deps, { userId: trigger.createdById }, trigger.workflowId, { triggerData }, kind, { triggerId: trigger.id })
    return { outcome: 'started', runId: run.runId, message: `started run ${run.runId}` }
  } catch (e) {
    if (e instanceof ConflictError && e.code === 'RUN_ACTIVE') return { outcome: 'skipped', runId: null, message: `skipped: ${e.message}` }
    if (e instanceof DomainError) return { outcome: 'failed', runId: null, message: `not started: ${e.message}` }
    throw e
  }
}
