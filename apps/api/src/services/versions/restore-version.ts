import type { Prisma } from '@kubeorch/db'
import { ConflictError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { loadVersion } from './get-version.ts'
import { snapshotVersion } from './snapshot-version.ts'
import { toPublicVersion, type PublicVersion } from './public-version.ts'

/**
 * Restore version K: creates version N+1 with K's graph (`restoredFrom: K`) and makes it the
 * canvas, as one transaction. It does not deploy.
 */
export async function restoreVersion(deps: Deps, actor: Actor, workflowId: string, version: unknown): Promise<PublicVersion> {
  const source = await loadVersion(deps, actor, workflowId, version, 'edit')
  const snapshot = {
    nodes: source.nodes as Prisma.InputJsonValue,
    edges: source.edges as Prisma.InputJsonValue,
    secretValues: source.secretValues,
  }
  const archived = await deps.db.workflow.count({ where: { id: source.workflowId, status: 'ARCHIVED' } })
  if (archived) throw new ConflictError('an archived workflow cannot be restored into; unarchive it first', 'ARCHIVED')
  const { restored, revision, status } = await deps.db.$transaction(async (tx) => {
    const restored = await snapshotVersion(tx, source.workflowId, snapshot, {
      automatic: false,
      origin: 'RESTORE',
      restoredFrom: source.version,
      description: `Restored from version ${source.version}`,
      createdById: actor.userId,
    })
    const wf = await tx.workflow.update({
      where: { id: source.workflowId },
      data: { ...snapshot, revision: { increment: 1 } },
      select: { revision: true, status: true },
    })
    return { restored, ...wf }
  })
  deps.events.publish({ type: 'version_created', workflowId: source.workflowId, version: restored.version })
  deps.events.publish({ type: 'workflow_updated', workflowId: source.workflowId, revision, status })
  return toPublicVersion(restored)
}
