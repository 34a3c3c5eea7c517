import { Prisma } from '@kubeorch/db'
import { ConflictError, invalidField } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { createClusterInput, updateClusterInput } from './cluster-input.ts'
import { getOwnCluster } from './find-cluster.ts'
import { toPublicCluster, type PublicCluster } from './public-cluster.ts'

export async function createCluster(deps: Deps, actor: Actor, input: unknown): Promise<PublicCluster> {
  const data = parseInput(createClusterInput, input)
  try {
    return toPublicCluster(await deps.db.cluster.create({ data: { ...data, ownerId: actor.userId } }))
  } catch (e) {
    throw nameTaken(e)
  }
}

export async function listClusters(deps: Deps, actor: Actor): Promise<PublicCluster[]> {
  const rows = await deps.db.cluster.findMany({ where: { ownerId: actor.userId }, orderBy: { name: 'asc' } })
  return rows.map(toPublicCluster)
}

export async function getCluster(deps: Deps, actor: Actor, idOrName: string): Promise<PublicCluster> {
  return toPublicCluster(await getOwnCluster(deps, actor, idOrName))
}

export async function updateCluster(deps: Deps, actor: Actor, idOrName: string, input: unknown): Promise<PublicCluster> {
  const data = parseInput(updateClusterInput, input)
  const cluster = await getOwnCluster(deps, actor, idOrName)
  try {
    return toPublicCluster(await deps.db.cluster.update({ where: { id: cluster.id }, data }))
  } catch (e) {
    throw nameTaken(e)
  }
}

export async function deleteCluster(deps: Deps, actor: Actor, idOrName: string): Promise<void> {
  const cluster = await getOwnCluster(deps, actor, idOrName)
  const used = await deps.db.workflow.count({ where: { clusterId: cluster.id, deletedAt: null } })
  if (used > 0) throw new ConflictError(`cluster ${cluster.name} is the target of ${used} workflow(s); delete or move them first`)
  await deps.db.cluster.delete({ where: { id: cluster.id } })
}

function nameTaken(e: unknown): unknown {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002'
    ? invalidField(['name'], 'you already have a cluster with this name')
    : e
}
