import type { WorkflowStatus } from '@kubeorch/db'
import { InvalidTransitionError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { removeDeployedObjects } from '../runs/remove-deployed-objects.ts'
import { loadWorkflow } from './workflow-access.ts'
import { changeStatusInput } from './workflow-input.ts'
import { WORKFLOW_TRANSITIONS, canTransition } from './workflow-transitions.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

export async function changeWorkflowStatus(deps: Deps, actor: Actor, id: string, input: unknown): Promise<PublicWorkflow> {
  const to = parseInput(changeStatusInput, input).status.toUpperCase() as WorkflowStatus
  const wf = await loadWorkflow(deps, actor, id, 'edit')
  if (!canTransition(wf.status, to)) throw transitionError(wf.status, to)
  // Conditional on the status read above, so two racing changes cannot both apply.
  const [updated] = await deps.db.workflow.updateManyAndReturn({ where: { id: wf.id, status: wf.status }, data: { status: to } })
  if (!updated) {
    const current = await deps.db.workflow.findUniqueOrThrow({ where: { id: wf.id }, select: { status: true } })
    throw transitionError(current.status, to)
  }
  if (to === 'ARCHIVED') await removeDeployedObjects(deps, wf.id, wf.clusterId).catch((e: Error) =>
    // The status change stands; objects left behind are reported, and pruned by the next archive or run.
    console.warn(`workflow ${wf.id}: removing its objects failed: ${e.message}`),
  )
  deps.events.publish({ type: 'workflow_updated', workflowId: wf.id, revision: updated.revision, status: updated.status })
  return toPublicWorkflow(updated)
}

const lower = (s: string) => s.toLowerCase()
const transitionError = (from: WorkflowStatus, to: WorkflowStatus) =>
  new InvalidTransitionError(lower(from), lower(to), WORKFLOW_TRANSITIONS[from].map(lower))
