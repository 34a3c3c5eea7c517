import type { Deps } from '../context.ts'
import { finishRun } from '../runs/execute-run.ts'

/** Columns that give a new run to this replica for one lease period. */
export const runLease = (deps: Deps) => ({
  ownerReplica: deps.replica.id,
  leaseExpiresAt: new Date(Date.now() + deps.config.replicaLeaseMs),
})

/** Extends the lease of every run this replica is executing. */
export async function renewRunLeases(deps: Deps): Promise<number> {
  const { count } = await deps.db.workflowRun.updateMany({
    where: { ownerReplica: deps.replica.id, status: 'RUNNING' },
    data: { leaseExpiresAt: new Date(Date.now() + deps.config.replicaLeaseMs) },
  })
  return count
}

export const INTERRUPTED = 'interrupted by server restart'
export const replicaStopped = (replicaId: string) => `${INTERRUPTED} (replica ${replicaId} stopped)`

/**
 * Fails runs whose executor is gone: no owner recorded (left by a process from before leases) or
 * a lease nobody renewed in time. `ownedBy` fails this replica's own runs at once (graceful stop).
 * Safe on every replica at once: finishRun only ends a run that is still running.
 */
export async function failOrphanedRuns(deps: Deps, opts: { ownedBy?: string } = {}): Promise<number> {
  const where = opts.ownedBy
    ? { status: 'RUNNING' as const, ownerReplica: opts.ownedBy }
    : { status: 'RUNNING' as const, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date() } }] }
  const orphans = await deps.db.workflowRun.findMany({ where, select: { id: true, workflowId: true, startedAt: true, ownerReplica: true } })
  let failed = 0
  for (const run of orphans) {
    const reason = run.ownerReplica ? replicaStopped(run.ownerReplica) : INTERRUPTED
    // Claim it first so that two sweeping replicas write one log line, not two.
    const { count } = await deps.db.workflowRun.updateMany({
      where: { id: run.id, status: 'RUNNING', ownerReplica: run.ownerReplica },
      data: { ownerReplica: deps.replica.id, leaseExpiresAt: new Date(Date.now() + deps.config.replicaLeaseMs) },
    })
    if (count === 0) continue
    await deps.db.runLog.create({ data: { runId: run.id, level: 'error', message: `run failed: ${reason}` } })
    await finishRun(deps, run.id, run.workflowId, 'FAILED', reason, run.startedAt.getTime())
    failed++
  }
  return failed
}
