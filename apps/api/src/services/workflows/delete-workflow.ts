import type { Actor, Deps } from '../context.ts'
import { removeDeployedObjects } from '../runs/remove-deployed-objects.ts'
import { loadWorkflow } from './workflow-access.ts'

/** Soft delete: the workflow disappears from every API and its objects from the cluster; rows and history stay. */
export async function deleteWorkflow(deps: Deps, actor: Actor, id: string): Promise<void> {
  const wf = await loadWorkflow(deps, actor, id, 'own')
  await deps.db.workflow.update({ where: { id: wf.id }, data: { deletedAt: new Date() } })
  await removeDeployedObjects(deps, wf.id, wf.clusterId).catch((e: Error) =>
    // The status change stands; objects left behind are reported, and pruned by the next archive or run.
    console.warn(`workflow ${wf.id}: removing its objects failed: ${e.message}`),
  )
}
