import type { Prisma, VersionOrigin, WorkflowVersion } from '@kubeorch/db'

type Tx = Prisma.TransactionClient

export type Snapshot = {
  nodes: Prisma.InputJsonValue
  edges: Prisma.InputJsonValue
  secretValues: Uint8Array<ArrayBuffer> | null
}

export type VersionMeta = {
  name?: string
  tag?: string
  description?: string
  automatic: boolean
  /** What made it: a person (manual), a run, a restore, a diagnostics fix. */
  origin: VersionOrigin
  restoredFrom?: number
  createdById: string
}

/**
 * Allocates the next version number and stores a snapshot, inside the caller's transaction.
 * The increment is one UPDATE of the workflow row: concurrent callers queue on its row lock, so
 * numbers are consecutive and never repeat. With `'canvas'` the snapshot is the workflow's graph
 * as that same locked row holds it, so it cannot interleave with a save.
 */
export async function snapshotVersion(
  tx: Tx,
  workflowId: string,
  source: Snapshot | 'canvas',
  meta: VersionMeta,
): Promise<WorkflowVersion> {
  const row = await tx.workflow.update({
    where: { id: workflowId },
    data: { lastVersion: { increment: 1 } },
    select: { lastVersion: true, nodes: true, edges: true, secretValues: true },
  })
  const snapshot: Snapshot =
    source === 'canvas'
      ? { nodes: row.nodes as Prisma.InputJsonValue, edges: row.edges as Prisma.InputJsonValue, secretValues: row.secretValues }
      : source
  await tx.workflow.update({ where: { id: workflowId }, data: { currentVersion: row.lastVersion } })
  return tx.workflowVersion.create({ data: { workflowId, version: row.lastVersion, ...snapshot, ...meta } })
}
