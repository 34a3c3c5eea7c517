import { checkKubeconfig, KubeconfigError } from '@kubeorch/kube'
import type { Deps } from '../context.ts'
import { openConnection, sealConnection } from './cluster-connection.ts'
import { markClusterUnusable } from './cluster-kubeconfig.ts'

const BATCH = 200

/**
 * At start-up, every stored cluster's credentials go through checkKubeconfig again (they may have
 * been stored by an older version that checked less): one that is refused is marked UNUSABLE with
 * the reason and is never loaded; one that passes but is not in the minimal form is rewritten in
 * it. Credentials this server cannot decrypt (another encryption key) are left as they are: a
 * configuration mistake must not condemn every cluster. Writes only rows unchanged since read.
 */
export async function recheckStoredClusters(deps: Deps): Promise<{ checked: number; unusable: number; rewritten: number }> {
  const counts = { checked: 0, unusable: 0, rewritten: 0 }
  let cursor: string | undefined
  for (;;) {
    const rows = await deps.db.cluster.findMany({
      where: { credentials: { not: null }, status: { not: 'UNUSABLE' } },
      select: { id: true, name: true, credentials: true, updatedAt: true },
      orderBy: { id: 'asc' },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    })
    for (const row of rows) {
      counts.checked++
      let stored
      try {
        stored = openConnection(deps.sealer, row.credentials!)
      } catch {
        console.warn(`cluster ${row.id}: stored credentials cannot be decrypted with this server's key; left unchecked`)
        continue
      }
      const check = typeof stored?.kubeconfig === 'string'
        ? checkKubeconfig(stored.kubeconfig, typeof stored.context === 'string' ? { context: stored.context } : {})
        : { ok: false as const, error: new KubeconfigError('is missing from the stored credentials') }
      if (!check.ok) {
        if ((await markClusterUnusable(deps, row.id, check.error, row.updatedAt)).marked) counts.unusable++
        continue
      }
      if (check.minimal === stored.kubeconfig && stored.context === check.summary.context) continue
      const { count } = await deps.db.cluster.updateMany({
        where: { id: row.id, updatedAt: row.updatedAt },
        data: { credentials: sealConnection(deps.sealer, { kubeconfig: check.minimal, context: check.summary.context }), server: check.summary.server },
      })
      counts.rewritten += count
    }
    if (rows.length < BATCH) return counts
    cursor = rows.at(-1)!.id
  }
}
