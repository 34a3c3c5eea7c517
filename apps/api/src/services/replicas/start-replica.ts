import { recheckStoredClusters } from '../clusters/recheck-stored-clusters.ts'
import type { Deps } from '../context.ts'
import { recoverRuns } from '../runs/recover-runs.ts'
import { releaseMonitorLeases } from './monitor-leases.ts'
import { startReplicaKeeper } from './replica-keeper.ts'
import { failOrphanedRuns } from './run-leases.ts'

/**
 * Makes this process a working replica: shared resources (event bus) up, stored cluster credentials
 * checked again (before anything loads them), orphaned runs failed and unwatched workflows
 * adopted, the lease keeper and the scheduler running. stop() is the graceful
 * way out: this replica's runs are failed at once and its monitor leases released, so the other
 * replicas need not wait for the leases to expire.
 */
export async function startReplica(deps: Deps): Promise<{
  recovered: { failed: number; watching: number }
  clusters: Awaited<ReturnType<typeof recheckStoredClusters>>
  stop(): Promise<void>
}> {
  for (const r of deps.replica.resources) await r.start()
  const clusters = await recheckStoredClusters(deps)
  const recovered = await recoverRuns(deps)
  const keeper = startReplicaKeeper(deps)
  await deps.scheduler.start(deps)
  return {
    recovered,
    clusters,
    async stop() {
      await keeper.stop()
      await deps.scheduler.stop()
      await failOrphanedRuns(deps, { ownedBy: deps.replica.id }).catch((e) => console.warn(`failing this replica's runs: ${e.message}`))
      await deps.monitors.stopAll()
      await releaseMonitorLeases(deps).catch(() => {})
      for (const r of [...deps.replica.resources].reverse()) await r.stop()
    },
  }
}
