import { Prisma, type TriggerKind } from '@kubeorch/db'
import { ConflictError } from '../../errors.ts'
import { refuseUnusableCluster } from '../clusters/cluster-kubeconfig.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { runLease } from '../replicas/run-leases.ts'
import { snapshotVersion } from '../versions/snapshot-version.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { executeRun } from './execute-run.ts'
import { startRunInput } from './run-input.ts'

/**
 * Starts a run and returns at once; the run itself proceeds in the background (SPEC §7).
 * Refused unless the workflow is published, no run of it is active and its cluster is not unusable. The automatic version and
 * the run row are written in one transaction; the database's partial unique index settles races.
 * Schedules and webhooks pass their trigger id, so the run records what started it.
 */
export async function startRun(
  deps: Deps,
  actor: Actor,
  workflowId: string,
  input: unknown,
  trigger: TriggerKind = 'MANUAL',
  opts: { triggerId?: string; /** A run that deploys a diagnostics fix: its version says so. */ fix?: { title: string; description: string } } = {},
): Promise<{ runId: string; status: 'RUNNING'; version: number }> {
  const { triggerData } = parseInput(startRunInput, input ?? {})
  const wf = await loadWorkflow(deps, actor, workflowId, 'edit')
  if (wf.status !== 'PUBLISHED')
    throw new ConflictError(`workflow is ${wf.status.toLowerCase()}; publish it before running`, 'NOT_PUBLISHED')
  await refuseIfRunActive(deps, wf.id)
  await refuseUnusableCluster(deps, wf.clusterId)
  let run
  try {
    run = await deps.db.$transaction(async (tx) => {
      const version = await snapshotVersion(tx, wf.id, 'canvas', {
        automatic: true,
        createdById: actor.userId,
        ...(opts.fix ? { origin: 'FIX' as const, name: opts.fix.title, description: opts.fix.description } : { origin: 'RUN' as const }),
      })
      const created = await tx.workflowRun.create({
        data: {
          workflowId: wf.id,
          version: version.version,
          triggeredBy: trigger,
          triggeredByUserId: trigger === 'MANUAL' ? actor.userId : null,
          triggerId: opts.triggerId ?? null,
          // This replica executes the run and renews its lease (services/replicas).
          ...runLease(deps),
          triggerData: triggerData === undefined ? Prisma.DbNull : (triggerData as Prisma.InputJsonValue),
        },
      })
      await tx.workflowVersion.update({ where: { id: version.id }, data: { runId: created.id, runStatus: 'RUNNING' } })
      await tx.workflow.update({ where: { id: wf.id }, data: { runCount: { increment: 1 }, lastRunAt: created.startedAt } })
      return created
    })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') await refuseIfRunActive(deps, wf.id)
    throw e
  }
  deps.events.publish({ type: 'run_started', workflowId: wf.id, runId: run.id, version: run.version!, triggeredBy: trigger.toLowerCase() })
  deps.background.track(executeRun(deps, run.id))
  return { runId: run.id, status: 'RUNNING', version: run.version! }
}

/** A workflow runs once at a time: a second run is refused with RUN_ACTIVE, naming the one running. */
export async function refuseIfRunActive(deps: Deps, workflowId: string) {
  const active = await deps.db.workflowRun.findFirst({ where: { workflowId, status: 'RUNNING' }, select: { id: true } })
  if (active) throw new ConflictError(`run ${active.id} of this workflow is still running`, 'RUN_ACTIVE')
}
