import { loadKubeConfig, testConnection } from '@kubeorch/kube'
import type { Actor, Deps } from '../context.ts'
import { openConnection } from './cluster-connection.ts'
import { getOwnCluster } from './find-cluster.ts'
import { toPublicCluster, type PublicCluster } from './public-cluster.ts'

/** Connects to the cluster (version, node count) and records the outcome as its status. */
export async function testCluster(deps: Deps, actor: Actor, idOrName: string): Promise<PublicCluster> {
  const cluster = await getOwnCluster(deps, actor, idOrName)
  let status: 'CONNECTED' | 'UNREACHABLE' = 'UNREACHABLE'
  let statusMessage = 'no credentials registered'
  if (cluster.credentials) {
    const result = await testConnection(loadKubeConfig(openConnection(deps.sealer, cluster.credentials)))
    if (result.ok) {
      status = 'CONNECTED'
      statusMessage = `Kubernetes ${result.version}, ${result.nodes} node${result.nodes === 1 ? '' : 's'}`
    } else statusMessage = result.error
  }
  const updated = await deps.db.cluster.update({
    where: { id: cluster.id },
    data: { status, statusMessage, lastCheckedAt: new Date() },
  })
  return toPublicCluster(updated)
}
