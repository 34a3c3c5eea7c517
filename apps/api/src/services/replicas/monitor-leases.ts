import type { WorkflowGraph } from '@kubeorch/domain'
import type { Deps } from '../context.ts'

// A workflow whose monitor could not start (cluster unreachable) is not retried on every sweep.
const ADOPT_RETRY_MS = 60_000

/**
 * Takes the lease on a workflow's monitor for this replica. `force` takes it from a live holder
 * too: a replica executing a run needs the monitor to wait for health; the former holder notices
 * on its next renewal and stops its watcher. Without `force`, only a free or expired lease is taken.
 */
export async function claimMonitorLease(deps: Deps, workflowId: string, opts: { force?: boolean } = {}): Promise<boolean> {
  const expiresAt = new Date(Date.now() + deps.config.replicaLeaseMs)
  const me = deps.replica.id
  const rows = opts.force
    ? await deps.db.$queryRaw<{ workflowId: string }[]>`
        INSERT INTO "MonitorLease" ("workflowId", "replicaId", "expiresAt") VALUES (${workflowId}::uuid, ${me}, ${expiresAt})
        ON CONFLICT ("workflowId") DO UPDATE SET "replicaId" = EXCLUDED."replicaId", "expiresAt" = EXCLUDED."expiresAt"
        RETURNING "workflowId"`
    : await deps.db.$queryRaw<{ workflowId: string }[]>`
        INSERT INTO "MonitorLease" ("workflowId", "replicaId", "expiresAt") VALUES (${workflowId}::uuid, ${me}, ${expiresAt})
        ON CONFLICT ("workflowId") DO UPDATE SET "replicaId" = EXCLUDED."replicaId", "expiresAt" = EXCLUDED."expiresAt"
          WHERE "MonitorLease"."expiresAt" < now() OR "MonitorLease"."replicaId" = EXCLUDED."replicaId"
        RETURNING "workflowId"`
  const won = rows.length > 0
  if (won) deps.replica.monitorLeases.add(workflowId)
  return won
}

/**
 * Renews the leases of the monitors this replica still runs, releases those it no longer runs
 * (archived, deleted, failed to start), and stops the watchers whose lease another replica took.
 */
export async function renewMonitorLeases(deps: Deps): Promise<{ renewed: number; lost: string[] }> {
  const held = [...deps.replica.monitorLeases]
  const running = held.filter((id) => deps.monitors.get(id))
  const idle = held.filter((id) => !deps.monitors.get(id))
  if (idle.length) {
    await deps.db.monitorLease.deleteMany({ where: { replicaId: deps.replica.id, workflowId: { in: idle } } })
    for (const id of idle) deps.replica.monitorLeases.delete(id)
  }
  if (running.length === 0) return { renewed: 0, lost: [] }
  const expiresAt = new Date(Date.now() + deps.config.replicaLeaseMs)
  await deps.db.monitorLease.updateMany({ where: { replicaId: deps.replica.id, workflowId: { in: running } }, data: { expiresAt } })
  const still = new Set(
    (await deps.db.monitorLease.findMany({ where: { replicaId: deps.replica.id, workflowId: { in: running } }, select: { workflowId: true } })).map((l) => l.workflowId),
  )
  const lost = running.filter((id) => !still.has(id))
  for (const id of lost) {
    deps.replica.monitorLeases.delete(id)
    await deps.monitors.stop(id)
  }
  return { renewed: still.size, lost }
}

/** Gives up every lease at once on a graceful stop, so other replicas take over without waiting. */
export async function releaseMonitorLeases(deps: Deps) {
  await deps.db.monitorLease.deleteMany({ where: { replicaId: deps.replica.id } })
  deps.replica.monitorLeases.clear()
}

/**
 * Starts watching every deployed workflow that no live replica watches: on start (SPEC §7:
 * watchers come back after a restart) and on every sweep (a dead replica's watchers are taken over).
 */
export async function adoptMonitors(deps: Deps): Promise<number> {
  const deployed = await deps.db.workflow.findMany({
    where: {
      deletedAt: null,
      status: { not: 'ARCHIVED' },
      runs: { some: {} },
      OR: [{ monitorLease: { is: null } }, { monitorLease: { is: { expiresAt: { lt: new Date() } } } }],
    },
    select: { id: true, clusterId: true, runs: { orderBy: { startedAt: 'desc' }, take: 1, select: { version: true } } },
  })
  let adopted = 0
  const now = Date.now()
  for (const wf of deployed) {
    const version = wf.runs[0]?.version
    if (!version || (deps.replica.adoptBackoff.get(wf.id) ?? 0) > now) continue
    const v = await deps.db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: wf.id, version } } })
    if (!v || !(await claimMonitorLease(deps, wf.id))) continue
    try {
      await deps.monitors.watch(deps, wf.id, wf.clusterId, { nodes: v.nodes, edges: v.edges } as WorkflowGraph)
      deps.replica.adoptBackoff.delete(wf.id)
      adopted++
    } catch (e) {
      deps.replica.adoptBackoff.set(wf.id, now + ADOPT_RETRY_MS)
      console.warn(`cannot resume watching workflow ${wf.id}: ${(e as Error).message}`)
    }
  }
  return adopted
}
