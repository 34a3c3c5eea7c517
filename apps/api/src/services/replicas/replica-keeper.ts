import type { Deps } from '../context.ts'
import { adoptMonitors, renewMonitorLeases } from './monitor-leases.ts'
import { failOrphanedRuns, renewRunLeases } from './run-leases.ts'

/**
 * Every `replicaSweepMs`, on every replica: renew this replica's run and monitor leases, fail runs
 * whose executor stopped renewing, take over monitors nobody holds. A replica that dies leaves
 * its runs failed ("interrupted by server restart (replica <id> stopped)") and its watchers taken over within
 * replicaLeaseMs + replicaSweepMs.
 */
export function startReplicaKeeper(deps: Deps): { stop(): Promise<void> } {
  let stopped = false
  let current: Promise<void> = Promise.resolve()
  const tick = async () => {
    try {
      await renewRunLeases(deps)
      await renewMonitorLeases(deps)
      if (stopped) return
      const failed = await failOrphanedRuns(deps)
      if (failed) console.warn(`replica ${deps.replica.id}: failed ${failed} run(s) whose replica stopped`)
      if (stopped) return
      await adoptMonitors(deps)
    } catch (e) {
      if (!stopped) console.warn(`replica ${deps.replica.id}: lease sweep failed: ${(e as Error).message}`)
    }
  }
  let busy = false
  const timer = setInterval(() => {
    // One sweep at a time: a slow database must not stack them up.
    if (busy) return
    busy = true
    current = tick().finally(() => (busy = false))
  }, deps.config.replicaSweepMs)
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await current
    },
  }
}
