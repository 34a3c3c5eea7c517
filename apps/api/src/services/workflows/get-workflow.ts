import type { Actor, Deps } from '../context.ts'
import { loadWorkflowWithGraph } from './workflow-access.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

export async function getWorkflow(deps: Deps, actor: Actor, id: string): Promise<PublicWorkflow> {
  return toPublicWorkflow(await loadWorkflowWithGraph(deps, actor, id, 'view'))
}
