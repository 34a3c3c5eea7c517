import { existsSync, readFileSync, statSync } from 'node:fs'
import type { Cluster } from '@kubeorch/db'
import type { Actor, Deps } from '../context.ts'
import { DomainError } from '../../errors.ts'
import { clusterCredentialsFromInput, sealConnection } from './cluster-connection.ts'

export const SANDBOX_CLUSTER_NAME = 'sandbox'

/**
 * While the local sandbox (`npm run sandbox`) runs, its kubeconfig file exists: each account
 * allowed to use it (mayUseSandbox) gets a cluster named "sandbox" pointing at it, refreshed when
 * the sandbox restarted with new certificates. Nothing happens when no sandbox is configured or
 * running. An account not allowed (any more) loses the one it was given: deleted, or, when
 * workflows target it, kept without credentials.
 */
export async function ensureSandboxCluster(deps: Deps, actor: Actor): Promise<void> {
  const path = deps.config.sandboxKubeconfig
  if (!path || !existsSync(path)) return
  const modified = statSync(path).mtime
  const existing = await deps.db.cluster.findUnique({
    where: { ownerId_name: { ownerId: actor.userId, name: SANDBOX_CLUSTER_NAME } },
    select: { id: true, updatedAt: true, description: true, credentials: true, _count: { select: { workflows: true } } },
  })
  if (existing && existing.description !== SANDBOX_DESCRIPTION) return // the user's own cluster named "sandbox"
  if (!(await mayUseSandbox(deps, actor.userId))) {
    if (!existing) return
    if (existing._count.workflows === 0)
      await deps.db.cluster.deleteMany({ where: { id: existing.id } }).catch(() => {}) // a workflow created meanwhile: stripped next time
    else if (existing.credentials) await deps.db.cluster.update({ where: { id: existing.id }, data: { credentials: null, server: null, status: 'UNKNOWN', statusMessage: null } })
    return
  }
  if (existing?.credentials && existing.updatedAt >= modified) return
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

/**
 * The sandbox's credentials are its administrator's, and exec into its pods runs commands on the
 * machine (confined, see packages/testenv): only the instance's first account and the accounts the
 * operator lists (`sandboxUsers`, KUBEORCH_SANDBOX_USERS: emails, or `@domain` for all of a domain)
 * may use it.
 */
export async function mayUseSandbox(deps: Deps, userId: string): Promise<boolean> {
  const first = await deps.db.user.findFirst({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } })
  if (first?.id === userId) return true
  if (deps.config.sandboxUsers.length === 0) return false
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { email: true } })
  return !!user && deps.config.sandboxUsers.some((entry) => entry === user.email || (entry.startsWith('@') && user.email.endsWith(entry)))
}

/** The cluster KubeOrch registered for the sandbox (not a user's own cluster of that name; kwok nodes: images are never pulled, failure images fail on purpose). */
export const isSandboxCluster = (c: Pick<Cluster, 'name' | 'description'>) => c.name === SANDBOX_CLUSTER_NAME && c.description === SANDBOX_DESCRIPTION

// Marks the cluster as the auto-registered one; a user's own cluster named "sandbox" is left alone.
const SANDBOX_DESCRIPTION = 'Local sandbox control plane (npm run sandbox)'
