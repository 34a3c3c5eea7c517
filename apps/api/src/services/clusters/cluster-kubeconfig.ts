import type { Cluster } from '@kubeorch/db'
import { KubeconfigError, loadKubeConfig, type KubeConfig } from '@kubeorch/kube'
import { ConflictError } from '../../errors.ts'
import type { Deps } from '../context.ts'
import { openConnection } from './cluster-connection.ts'

/**
 * The client config of a stored cluster: the only place credentials are opened for use (tests,
 * runs, watches, logs, terminals). Refused with CLUSTER_UNUSABLE when the cluster was marked
 * unusable; the stored kubeconfig must be exactly the minimal form checkKubeconfig wrote, or the
 * cluster is marked unusable now and refused.
 */
export async function openClusterKubeConfig(deps: Deps, cluster: Pick<Cluster, 'id' | 'name' | 'status' | 'statusMessage' | 'credentials'>): Promise<KubeConfig> {
  if (cluster.status === 'UNUSABLE') throw clusterUnusable(cluster.name, cluster.statusMessage)
  if (!cluster.credentials)
    throw new ConflictError(`cluster ${cluster.name} has no credentials; register its kubeconfig or token first`, 'NO_CREDENTIALS')
  try {
    return loadKubeConfig(openConnection(deps.sealer, cluster.credentials), { minimalOnly: true })
  } catch (err) {
    if (!(err instanceof KubeconfigError)) throw err
    const { reason } = await markClusterUnusable(deps, cluster.id, err)
    throw clusterUnusable(cluster.name, reason)
  }
}

/**
 * Marks a stored cluster unusable with the reason its credentials are refused (only if the row is
 * unchanged since `unchangedSince`, when given: new credentials may have been saved meanwhile).
 */
export async function markClusterUnusable(deps: Deps, clusterId: string, err: KubeconfigError, unchangedSince?: Date): Promise<{ reason: string; marked: boolean }> {
  const reason = `stored credentials refused (${err.message}); register the cluster's kubeconfig or token again`
  const { count } = await deps.db.cluster.updateMany({
    where: { id: clusterId, ...(unchangedSince ? { updatedAt: unchangedSince } : {}) },
    data: { status: 'UNUSABLE', statusMessage: reason, lastCheckedAt: new Date() },
  })
  return { reason, marked: count > 0 }
}

export const clusterUnusable = (name: string, reason: string | null) =>
  new ConflictError(`cluster ${name} cannot be used: ${reason ?? 'its stored credentials were refused'}`, 'CLUSTER_UNUSABLE')

/** Refuses at once work that would need a cluster marked unusable (a run is refused before it is recorded). */
export async function refuseUnusableCluster(deps: Deps, clusterId: string): Promise<void> {
  const cluster = await deps.db.cluster.findUnique({ where: { id: clusterId }, select: { name: true, status: true, statusMessage: true } })
  if (cluster?.status === 'UNUSABLE') throw clusterUnusable(cluster.name, cluster.statusMessage)
}
