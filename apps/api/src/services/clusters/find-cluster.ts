import type { Cluster } from '@kubeorch/db'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { isUuid } from '../ids.ts'
import { ensureSandboxCluster, SANDBOX_CLUSTER_NAME } from './sandbox-cluster.ts'

/** The actor's cluster by id or by name (names are unique per owner), or undefined. */
export async function findOwnCluster(deps: Deps, actor: Actor, idOrName: string): Promise<Cluster | undefined> {
  if (idOrName === SANDBOX_CLUSTER_NAME) await ensureSandboxCluster(deps, actor)
  const byId = isUuid(idOrName)
    ? await deps.db.cluster.findFirst({ where: { id: idOrName, ownerId: actor.userId } })
    : null
  return byId ?? (await deps.db.cluster.findUnique({ where: { ownerId_name: { ownerId: actor.userId, name: idOrName } } })) ?? undefined
}

export async function getOwnCluster(deps: Deps, actor: Actor, idOrName: string): Promise<Cluster> {
  const cluster = await findOwnCluster(deps, actor, idOrName)
  if (!cluster) throw new NotFoundError('cluster')
  return cluster
}
