import type { WorkflowEvent } from '../../events.ts'
import type { Actor, Deps } from '../context.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'

/** The `metadata` event a live stream starts with: workflow state and the last known node states. */
export async function workflowSnapshot(deps: Deps, actor: Actor, workflowId: string): Promise<Extract<WorkflowEvent, { type: 'metadata' }>> {
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  const [statuses, active] = await Promise.all([
    deps.db.nodeStatus.findMany({ where: { workflowId: wf.id }, orderBy: { nodeId: 'asc' } }),
    deps.db.workflowRun.findFirst({ where: { workflowId: wf.id, status: 'RUNNING' }, select: { id: true } }),
  ])
  return {
    type: 'metadata',
    workflowId: wf.id,
    status: wf.status,
    revision: wf.revision,
    activeRunId: active?.id ?? null,
    nodes: statuses.map((s) => ({ nodeId: s.nodeId, state: s.state, message: s.message, details: s.details as Record<string, unknown> })),
  }
}
