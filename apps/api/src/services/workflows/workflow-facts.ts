import type { Deps } from '../context.ts'

/** What an answer about a workflow says beside its row: its cluster's name and how its runs ended. */
export type WorkflowFacts = { clusterName: string | null; successCount: number; failureCount: number }

/**
 * Facts about workflows the caller has already been allowed to read (two queries, whatever the
 * number of workflows). Runs still going, or cancelled, count as neither.
 */
export async function workflowFacts(deps: Deps, workflows: readonly { id: string; clusterId: string }[]): Promise<Map<string, WorkflowFacts>> {
  const ids = workflows.map((w) => w.id)
  const [clusters, tallies] = await Promise.all([
    deps.db.cluster.findMany({ where: { id: { in: [...new Set(workflows.map((w) => w.clusterId))] } }, select: { id: true, name: true } }),
    deps.db.workflowRun.groupBy({ by: ['workflowId', 'status'], where: { workflowId: { in: ids }, status: { in: ['COMPLETED', 'FAILED'] } }, _count: true }),
  ])
  const names = new Map(clusters.map((c) => [c.id, c.name]))
  const facts = new Map(workflows.map((w) => [w.id, { clusterName: names.get(w.clusterId) ?? null, successCount: 0, failureCount: 0 }]))
  for (const t of tallies) {
    const f = facts.get(t.workflowId)!
    if (t.status === 'COMPLETED') f.successCount = t._count
    else f.failureCount = t._count
  }
  return facts
}
