import type { WorkflowGraph } from '@kubeorch/domain'
import type { Deps } from '../context.ts'
import { finishRun } from './execute-run.ts'

export const INTERRUPTED = 'interrupted by server restart'

/**
 * On start: runs left `running` by a previous process are failed (they cannot resume: their
 * background work died with it), and deployed workflows get their monitors back.
 */
export async function recoverRuns(deps: Deps): Promise<{ failed: number; watching: number }> {
  const stuck = await deps.db.workflowRun.findMany({ where: { status: 'RUNNING' }, select: { id: true, workflowId: true, startedAt: true } })
  for (const run of stuck) {
    await deps.db.runLog.create({ data: { runId: run.id, level: 'error', message: `run failed: ${INTERRUPTED}` } })
    await finishRun(deps, run.id, run.workflowId, 'FAILED', INTERRUPTED, run.startedAt.getTime())
  }
  const deployed = await deps.db.workflow.findMany({
    where: { deletedAt: null, status: { not: 'ARCHIVED' }, runs: { some: {} } },
    select: { id: true, clusterId: true, runs: { orderBy: { startedAt: 'desc' }, take: 1, select: { version: true } } },
  })
  let watching = 0
  for (const wf of deployed) {
    const version = wf.runs[0]?.version
    if (!version) continue
    const v = await deps.db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: wf.id, version } } })
    if (!v) continue
    try {
      await deps.monitors.watch(deps, wf.id, wf.clusterId, { nodes: v.nodes, edges: v.edges } as WorkflowGraph)
      watching++
    } catch (e) {
      console.warn(`cannot resume watching workflow ${wf.id}: ${(e as Error).message}`)
    }
  }
  return { failed: stuck.length, watching }
}
