import { invalidField } from '../../errors.ts'
import { findOwnCluster } from '../clusters/find-cluster.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow } from './workflow-access.ts'
import { updateWorkflowInput } from './workflow-input.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

/** Changes name, description or target cluster (graph changes go through saveWorkflow). */
export async function updateWorkflow(deps: Deps, actor: Actor, id: string, input: unknown): Promise<PublicWorkflow> {
  const { name, description, clusterId } = parseInput(updateWorkflowInput, input)
  const wf = await loadWorkflow(deps, actor, id, clusterId ? 'own' : 'edit')
  let targetCluster: string | undefined
  if (clusterId) {
    const cluster = await findOwnCluster(deps, actor, clusterId)
    if (!cluster) throw invalidField(['clusterId'], `no cluster with id or name "${clusterId}"`)
    targetCluster = cluster.id
  }
  const updated = await deps.db.workflow.update({
    where: { id: wf.id },
    data: { name, description, clusterId: targetCluster },
  })
  deps.events.publish({ type: 'workflow_updated', workflowId: wf.id, revision: updated.revision, status: updated.status })
  return toPublicWorkflow(updated)
}
