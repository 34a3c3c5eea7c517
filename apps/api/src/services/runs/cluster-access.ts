import { createApplier, type Applier } from '@kubeorch/kube'
import { NotFoundError } from '../../errors.ts'
import { openClusterKubeConfig } from '../clusters/cluster-kubeconfig.ts'
import { isSandboxCluster, mayUseSandbox } from '../clusters/sandbox-cluster.ts'
import type { Deps } from '../context.ts'

/** Requests in flight at once per applier call: a kind of a design is usually applied in one wave. */
const APPLY_CONCURRENCY = 16
/** How long one applier (its discovery cache and its connections) serves a cluster before a fresh one is made. */
const APPLIER_TTL_MS = 5 * 60_000

type CachedApplier = { credentials: Uint8Array; applier: Applier; expires: number }
const appliers = new WeakMap<Deps, Map<string, CachedApplier>>()

/**
 * A client for the cluster a workflow targets (credentials opened by openClusterKubeConfig). The
 * applier is kept per cluster for a while, so consecutive runs reuse its discovery cache and its
 * open connections instead of asking the API server again; new credentials get a new one at once.
 */
export async function kubeForCluster(deps: Deps, clusterId: string) {
  const cluster = await deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })
  // A sandbox cluster its owner got before losing the right to it (see mayUseSandbox) is not opened.
  if (isSandboxCluster(cluster) && !(await mayUseSandbox(deps, cluster.ownerId))) throw new NotFoundError('cluster')
  const kc = await openClusterKubeConfig(deps, cluster)
  const applier = cachedApplier(deps, clusterId, cluster.credentials!, () =>
    createApplier(kc, { fieldManager: 'kubeorch', concurrency: APPLY_CONCURRENCY }),
  )
  return { cluster, kc, applier }
}

function cachedApplier(deps: Deps, clusterId: string, credentials: Uint8Array, make: () => Applier): Applier {
  let byCluster = appliers.get(deps)
  if (!byCluster) appliers.set(deps, (byCluster = new Map()))
  const now = Date.now()
  for (const [id, entry] of byCluster) if (entry.expires <= now) byCluster.delete(id)
  const hit = byCluster.get(clusterId)
  if (hit && Buffer.compare(hit.credentials, credentials) === 0) return hit.applier
  const entry = { credentials: Uint8Array.from(credentials), applier: make(), expires: now + APPLIER_TTL_MS }
  byCluster.set(clusterId, entry)
  return entry.applier
}
