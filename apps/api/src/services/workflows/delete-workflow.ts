import type { Actor, Deps } from '../context.ts'
import { loadWorkflow } from './workflow-access.ts'

/** Soft delete: the workflow disappears from every API; its rows and history stay. */
export async function deleteWorkflow(deps: Deps, actor: Actor, id: string): Promise<void> {
  const wf = await loadWorkflow(deps, actor, id, 'own')
  // The run engine (a later issue) also removes the workflow's objects from the cluster here.
  await deps.db.workflow.update({ where: { id: wf.id }, data: { deletedAt: new Date() } })
}
