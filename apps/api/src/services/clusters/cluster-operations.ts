import { Prisma } from '@kubeorch/db'
import { ConflictError, invalidField } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { clusterCredentialsFromInput, sealConnection, type ConnectionInput } from './cluster-connection.ts'
import { createClusterInput, updateClusterInput } from './cluster-input.ts'
import { getOwnCluster } from './find-cluster.ts'
import { ensureSandboxCluster } from './sandbox-cluster.ts'
import { toPublicCluster, type PublicCluster } from './public-cluster.ts'
import { testCluster } from './test-cluster.ts'

/**
 * Registers a cluster; with a connection, its credentials are checked (before anything is
 * written), sealed in their minimal form, and the connection is tested.
 */
export async function createCluster(deps: Deps, actor: Actor, input: unknown): Promise<PublicCluster> {
  const { connection, authType, ...data } = parseInput(createClusterInput, input)
  const credentials = connection ? clusterCredentialsFromInput(connection) : undefined
  let created
  try {
    created = await deps.db.cluster.create({
      data: {
        ...data,
        ownerId: actor.userId,
        server: credentials?.server,
        credentials: credentials ? sealConnection(deps.sealer, credentials.connection) : undefined,
        authType: connection ? (authType ?? authTypeOf(connection)) : null,
      },
    })
  } catch (e) {
    throw nameTaken(e)
  }
  return credentials ? testCluster(deps, actor, created.id) : toPublicCluster(created)
}

export async function listClusters(deps: Deps, actor: Actor): Promise<PublicCluster[]> {
  await ensureSandboxCluster(deps, actor)
  const rows = await deps.db.cluster.findMany({ where: { ownerId: actor.userId }, orderBy: { name: 'asc' } })
  return rows.map(toPublicCluster)
}

export async function getCluster(deps: Deps, actor: Actor, idOrName: string): Promise<PublicCluster> {
  return toPublicCluster(await getOwnCluster(deps, actor, idOrName))
}

export async function updateCluster(deps: Deps, actor: Actor, idOrName: string, input: unknown): Promise<PublicCluster> {
  const { connection, authType, ...data } = parseInput(updateClusterInput, input)
  const cluster = await getOwnCluster(deps, actor, idOrName)
  const credentials = connection ? clusterCredentialsFromInput(connection) : undefined
  try {
    await deps.db.cluster.update({
      where: { id: cluster.id },
      data: {
        ...data,
        ...(credentials
          ? {
              server: credentials.server,
              credentials: sealConnection(deps.sealer, credentials.connection),
              authType: authType ?? authTypeOf(connection!),
              status: 'UNKNOWN',
              statusMessage: null,
            }
          : {}),
      },
    })
  } catch (e) {
    throw nameTaken(e)
  }
  return credentials ? testCluster(deps, actor, cluster.id) : getCluster(deps, actor, cluster.id)
}

/**
 * Refused, naming them, while workflows deploy to the cluster: they would be left without a
 * target. Workflows already deleted only kept their history for this cluster; it goes with it
 * (the confirmation says so), or a cluster used once could never be removed.
 */
export async function deleteCluster(deps: Deps, actor: Actor, idOrName: string): Promise<void> {
  const cluster = await getOwnCluster(deps, actor, idOrName)
  const live = await deps.db.workflow.findMany({ where: { clusterId: cluster.id, deletedAt: null }, select: { name: true }, orderBy: { name: 'asc' }, take: 11 })
  if (live.length > 0) {
    const names = live.slice(0, 10).map((w) => `"${w.name}"`).join(', ') + (live.length > 10 ? ' and more' : '')
    throw new ConflictError(`cluster ${cluster.name} is the target of ${names}; move them to another cluster (workflow settings) or delete them first`, 'CLUSTER_IN_USE')
  }
  await deps.db.$transaction([
    deps.db.workflow.deleteMany({ where: { clusterId: cluster.id, deletedAt: { not: null } } }),
    deps.db.cluster.delete({ where: { id: cluster.id } }),
  ])
}

const authTypeOf = (c: ConnectionInput) => ('kubeconfig' in c ? 'kubeconfig' : 'token')

function nameTaken(e: unknown): unknown {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002'
    ? invalidField(['name'], 'you already have a cluster with this name')
    : e
}
