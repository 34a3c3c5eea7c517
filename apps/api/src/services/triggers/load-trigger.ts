import type { WorkflowTrigger } from '@kubeorch/db'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { isUuid } from '../ids.ts'
import { loadWorkflow, type Need } from '../workflows/workflow-access.ts'

/** A trigger of a workflow the actor may access; another workflow's trigger is "not found". */
export async function loadTrigger(deps: Deps, actor: Actor, workflowId: string, triggerId: string, need: Need): Promise<WorkflowTrigger> {
  const wf = await loadWorkflow(deps, actor, workflowId, need)
  if (!isUuid(triggerId)) throw new NotFoundError('trigger')
  const trigger = await deps.db.workflowTrigger.findFirst({ where: { id: triggerId, workflowId: wf.id } })
  if (!trigger) throw new NotFoundError('trigger')
  return trigger
}
