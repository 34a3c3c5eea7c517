import type { Actor, Deps } from '../context.ts'
import { loadWorkflow } from './workflow-access.ts'

export type NodeStateRow = { nodeId: string; state: string; message: string; details: Record<string, unknown> }

/** The last known health of each node of a workflow the actor may view (SPEC §8: persisted, so a reload shows it). */
export async function workflowNodeStates(deps: Deps, actor: Actor, workflowId: string): Promise<Map<string, NodeStateRow>> {
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  const rows = await deps.db.nodeStatus.findMany({ where: { workflowId: wf.id }, select: { nodeId: true, state: true, message: true, details: true } })
  return new Map(rows.map((r) => [r.nodeId, { ...r, details: (r.details ?? {}) as Record<string, unknown> }]))
}
