import { existsSync, readFileSync, statSync } from 'node:fs'
import type { Actor, Deps } from '../context.ts'
import { DomainError } from '../../errors.ts'
import { clusterCredentialsFromInput, sealConnection } from './cluster-connection.ts'

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
  let credentials
  try {
    // The sandbox's kubeconfig is written by packages/testenv with inline data; it is checked like any other.
    credentials = clusterCredentialsFromInput({ kubeconfig: readFileSync(path, 'utf8') })
  } catch (e) {
    if (!(e instanceof DomainError)) throw e
    console.warn(`sandbox kubeconfig ${path} is not used: ${e.message}`)
    return
  }
  const { connection, server } = credentials
  const data = { server, credentials: sealConnection(deps.sealer, connection), description: SANDBOX_DESCRIPTION, status: 'UNKNOWN' as const }
  if (existing) await deps.db.cluster.update({ where: { id: existing.id }, data })
  else
    await deps.db.cluster
      .create({ data: { ...data, name: SANDBOX_CLUSTER_NAME, ownerId: actor.userId } })
      .catch(() => {}) // a concurrent request created it first
}

// Marks the cluster as the auto-registered one; a user's own cluster named "sandbox" is left alone.
const SANDBOX_DESCRIPTION = 'Local sandbox control plane (npm run sandbox)'
