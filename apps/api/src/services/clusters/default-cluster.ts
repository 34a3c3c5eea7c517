import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { getOwnCluster } from './find-cluster.ts'
import { toPublicCluster, type PublicCluster } from './public-cluster.ts'

/** Marks one of the actor's clusters as their default (KubeOrch's clients preselect it); one per user. */
export async function setDefaultCluster(deps: Deps, actor: Actor, idOrName: string): Promise<PublicCluster> {
  const cluster = await getOwnCluster(deps, actor, idOrName)
  await deps.db.user.update({ where: { id: actor.userId }, data: { defaultClusterId: cluster.id } })
  return toPublicCluster(cluster)
}

/** The id of the actor's default cluster, if one is set (deleting it unsets it). */
export async function defaultClusterId(deps: Deps, actor: Actor): Promise<string | null> {
  const user = await deps.db.user.findUnique({ where: { id: actor.userId }, select: { defaultClusterId: true } })
  return user?.defaultClusterId ?? null
}

export async function getDefaultCluster(deps: Deps, actor: Actor): Promise<PublicCluster> {
  const id = await defaultClusterId(deps, actor)
  if (!id) throw new NotFoundError('default cluster')
  return toPublicCluster(await getOwnCluster(deps, actor, id))
}
