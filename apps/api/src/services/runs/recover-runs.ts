import type { Deps } from '../context.ts'
import { adoptMonitors } from '../replicas/monitor-leases.ts'
import { failOrphanedRuns, INTERRUPTED } from '../replicas/run-leases.ts'

export { INTERRUPTED }

/**
 * On start: runs whose executor is gone (no live lease: left by a previous process, or by a
 * replica that died) are failed, since their background work died with it; deployed workflows
 * that no live replica watches get their monitors back. Runs and monitors of live replicas are
 * left alone; a replica that dies after this is handled by every replica's periodic sweep.
 */
export async function recoverRuns(deps: Deps): Promise<{ failed: number; watching: number }> {
  const failed = await failOrphanedRuns(deps)
  const watching = await adoptMonitors(deps)
  return { failed, watching }
}
