import { ConflictError, invalidField } from '../../errors.ts'
import { findOwnCluster } from '../clusters/find-cluster.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { removeDeployedObjects } from '../runs/remove-deployed-objects.ts'
import { refuseIfRunActive } from '../runs/start-run.ts'
import { loadWorkflow } from './workflow-access.ts'
import { updateWorkflowInput } from './workflow-input.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

/**
 * Changes name, description or target cluster (graph changes go through saveWorkflow). Objects
 * deployed on the current cluster are never left behind unnoticed: a move is refused while any
 * are (their node states are recorded), unless the caller asks to delete them there first. The
 * next run deploys to the new cluster; the status does not change.
 */
export async function updateWorkflow(deps: Deps, actor: Actor, id: string, input: unknown): Promise<PublicWorkflow> {
  const { name, description, clusterId, removeFromCurrentCluster } = parseInput(updateWorkflowInput, input)
  const wf = await loadWorkflow(deps, actor, id, clusterId ? 'own' : 'edit')
  let targetCluster: string | undefined
  if (clusterId) {
    const cluster = await findOwnCluster(deps, actor, clusterId)
    if (!cluster) throw invalidField(['clusterId'], `no cluster with id or name "${clusterId}"`)
    if (cluster.id !== wf.clusterId) {
      await refuseIfRunActive(deps, wf.id)
      const deployed = await deps.db.nodeStatus.count({ where: { workflowId: wf.id } })
      if (deployed > 0) {
        const current = await deps.db.cluster.findUniqueOrThrow({ where: { id: wf.clusterId }, select: { name: true } })
        if (!removeFromCurrentCluster)
          throw new ConflictError(
            `this workflow has objects deployed on cluster ${current.name}; delete them there first (removeFromCurrentCluster, or archive the workflow) before moving it to ${cluster.name}`,
            'DEPLOYED',
          )
        await removeDeployedObjects(deps, wf.id, wf.clusterId).catch(() => {
          throw new ConflictError(`its objects on cluster ${current.name} could not all be deleted, so it stays on ${current.name}; try again when the cluster is reachable`, 'CLUSTER_UNREACHABLE')
        })
      }
    }
    targetCluster = cluster.id
  }
  const updated = await deps.db.workflow.update({
    where: { id: wf.id },
    data: { name, description, clusterId: targetCluster },
  })
  deps.events.publish({ type: 'workflow_updated', workflowId: wf.id, revision: updated.revision, status: updated.status })
  return toPublicWorkflow(updated)
}
