import { MANAGED_TYPES, workflowSelector } from '@kubeorch/domain'
import type { Deps } from '../context.ts'
import { kubeForCluster } from './cluster-access.ts'

/**
 * Stops a workflow's monitor and deletes every object labelled with it from its cluster (archive,
 * soft delete). Returns how many were deleted; a cluster without credentials has nothing of ours.
 */
export async function removeDeployedObjects(deps: Deps, workflowId: string, clusterId: string): Promise<number> {
  await deps.db.workflowRun.updateMany({ where: { workflowId, status: 'RUNNING' }, data: { cancelRequested: true } })
  await deps.monitors.stop(workflowId)
  const cluster = await deps.db.cluster.findUnique({ where: { id: clusterId }, select: { credentials: true } })
  if (!cluster?.credentials) {
    // Nothing of ours can be there; what was recorded (credentials since removed) is forgotten.
    await forgetNodeStates(deps, workflowId)
    return 0
  }
  const { applier } = await kubeForCluster(deps, clusterId)
  const objects = await applier.listManaged(workflowSelector(workflowId), [...MANAGED_TYPES])
  const results = await applier.delete(
    objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name })),
  )
  await forgetNodeStates(deps, workflowId)
  const failed = results.filter((r) => !r.ok)
  if (failed.length) throw new Error(`could not delete ${failed.length} object(s) of workflow ${workflowId}`)
  return results.length
}

/** Open canvases were coloured by these nodes' last states: they are gone with the objects. */
async function forgetNodeStates(deps: Deps, workflowId: string): Promise<void> {
  const known = await deps.db.nodeStatus.findMany({ where: { workflowId }, select: { nodeId: true } })
  await deps.db.nodeStatus.deleteMany({ where: { workflowId } })
  for (const { nodeId } of known) deps.events.publish({ type: 'node_update', workflowId, nodeId, state: 'unknown', message: 'Removed from the cluster' })
}
