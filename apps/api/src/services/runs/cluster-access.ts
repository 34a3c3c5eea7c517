import { createApplier, loadKubeConfig } from '@kubeorch/kube'
import { ConflictError } from '../../errors.ts'
import { openConnection } from '../clusters/cluster-connection.ts'
import type { Deps } from '../context.ts'

/** A client for the cluster a workflow targets; credentials are opened only here. */
export async function kubeForCluster(deps: Deps, clusterId: string) {
  const cluster = await deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })
  if (!cluster.credentials)
    throw new ConflictError(`cluster ${cluster.name} has no credentials; register its kubeconfig or token first`, 'NO_CREDENTIALS')
  const kc = loadKubeConfig(openConnection(deps.sealer, cluster.credentials))
  return { cluster, kc, applier: createApplier(kc, { fieldManager: 'kubeorch' }) }
}
