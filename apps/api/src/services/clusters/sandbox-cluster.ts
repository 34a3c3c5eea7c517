import { existsSync, readFileSync, statSync } from 'node:fs'
import type { Actor, Deps } from '../context.ts'
import { resolveConnection, sealConnection } from './cluster-connection.ts'

export const SANDBOX_CLUSTER_NAME = 'sandbox'

/**
 * While the local sandbox (`npm run sandbox`) runs, its kubeconfig file exists: every user gets a
 * cluster named "sandbox" pointing at it, refreshed when the sandbox restarted with new
 * certificates. Nothing happens when no sandbox is configured or running.
 */
export async function ensureSandboxCluster(deps: Deps, actor: Actor): Promise<void> {
  const path = deps.config.sandboxKubeconfig
  if (!path || !existsSync(path)) return
  const modified = statSync(path).mtime
  const existing = await deps.db.cluster.findUnique({
    where: { ownerId_name: { ownerId: actor.userId, name: SANDBOX_CLUSTER_NAME } },
    select: { id: true, updatedAt: true, description: true },
  })
  if (existing && (existing.updatedAt >= modified || existing.description !== SANDBOX_DESCRIPTION)) return
  const { connection, server } = resolveConnection({ kubeconfig: readFileSync(path, 'utf8') })
  const data = { server, credentials: sealConnection(deps.sealer, connection), description: SANDBOX_DESCRIPTION, status: 'UNKNOWN' as const }
  if (existing) await deps.db.cluster.update({ where: { id: existing.id }, data })
  else
    await deps.db.cluster
      .create({ data: { ...data, name: SANDBOX_CLUSTER_NAME, ownerId: actor.userId } })
      .catch(() => {}) // a concurrent request created it first
}

// Marks the cluster as the auto-registered one; a user's own cluster named "sandbox" is left alone.
const SANDBOX_DESCRIPTION = 'Local sandbox control plane (npm run sandbox)'

/** The auto-registered sandbox (kwok nodes: images are never pulled, failure images fail on purpose). */
export function isSandboxCluster(cluster: { name: string; description: string | null }): boolean {
  return cluster.name === SANDBOX_CLUSTER_NAME && cluster.description === SANDBOX_DESCRIPTION
}
