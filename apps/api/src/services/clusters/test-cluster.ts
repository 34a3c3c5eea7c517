import { testConnection } from '@kubeorch/kube'
import type { Actor, Deps } from '../context.ts'
import { openClusterKubeConfig } from './cluster-kubeconfig.ts'
import { getOwnCluster } from './find-cluster.ts'
import { toPublicCluster, type PublicCluster } from './public-cluster.ts'

/**
 * Connects to the cluster (version, node count) and records the outcome as its status. A cluster
 * marked unusable is refused (CLUSTER_UNUSABLE) and keeps its status.
 */
export async function testCluster(deps: Deps, actor: Actor, idOrName: string): Promise<PublicCluster> {
  const cluster = await getOwnCluster(deps, actor, idOrName)
  let status: 'CONNECTED' | 'UNREACHABLE' = 'UNREACHABLE'
  let statusMessage = 'no credentials registered'
  if (cluster.credentials || cluster.status === 'UNUSABLE') {
    const result = await testConnection(await openClusterKubeConfig(deps, cluster))
    if (result.ok) {
      status = 'CONNECTED'
      statusMessage = `Kubernetes ${result.version}, ${result.nodes} node${result.nodes === 1 ? '' : 's'}`
    } else statusMessage = result.error
  }
  // A start-up check that marked the cluster unusable meanwhile wins over this test's outcome.
  await deps.db.cluster.updateMany({
    where: { id: cluster.id, status: { not: 'UNUSABLE' } },
    data: { status, statusMessage, lastCheckedAt: new Date() },
  })
  return toPublicCluster(await deps.db.cluster.findUniqueOrThrow({ where: { id: cluster.id } }))
}
