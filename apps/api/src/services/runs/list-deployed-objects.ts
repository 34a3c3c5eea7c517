import { MANAGED_TYPES, workflowSelector } from '@kubeorch/domain'
import { ConflictError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { kubeForCluster } from './cluster-access.ts'

export type DeployedObject = { apiVersion: string; kind: string; namespace: string | null; name: string }
export type DeployedObjects = { clusterName: string; objects: DeployedObject[] }

/**
 * What the cluster holds of a workflow now: every object labelled with it, the same selection
 * archiving and deleting remove, so a confirmation can name exactly what will go. A cluster
 * without credentials holds nothing of ours.
 */
export async function listDeployedObjects(deps: Deps, actor: Actor, workflowId: string): Promise<DeployedObjects> {
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  const cluster = await deps.db.cluster.findUniqueOrThrow({ where: { id: wf.clusterId }, select: { name: true, credentials: true } })
  if (!cluster.credentials) return { clusterName: cluster.name, objects: [] }
  const { applier } = await kubeForCluster(deps, wf.clusterId)
  const found = await applier.listManaged(workflowSelector(wf.id), [...MANAGED_TYPES]).catch(() => {
    // The client's error may hold addresses of the cluster: the answer names the cluster only.
    throw new ConflictError(`cluster ${cluster.name} cannot be read right now, so what is deployed is not known`, 'CLUSTER_UNREACHABLE')
  })
  const objects = found
    .map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace ?? null, name: o.metadata.name }))
    .sort((a, b) => `${a.kind}/${a.namespace}/${a.name}`.localeCompare(`${b.kind}/${b.namespace}/${b.name}`))
  return { clusterName: cluster.name, objects }
}
