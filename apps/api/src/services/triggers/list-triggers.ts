import type { Actor, Deps } from '../context.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { toPublicTrigger, type PublicTrigger } from './public-trigger.ts'

export async function listTriggers(deps: Deps, actor: Actor, workflowId: string): Promise<PublicTrigger[]> {
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  const rows = await deps.db.workflowTrigger.findMany({ where: { workflowId: wf.id }, orderBy: { createdAt: 'asc' } })
  const now = new Date()
  return rows.map((r) => toPublicTrigger(r, now))
}
