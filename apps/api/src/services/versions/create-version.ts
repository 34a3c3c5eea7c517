import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { createVersionInput } from './version-input.ts'
import { snapshotVersion } from './snapshot-version.ts'
import { toPublicVersion, type PublicVersion } from './public-version.ts'

/** A manual version: the current canvas, with an optional name, tag and description. */
export async function createVersion(deps: Deps, actor: Actor, workflowId: string, input: unknown): Promise<PublicVersion> {
  const meta = parseInput(createVersionInput, input)
  const wf = await loadWorkflow(deps, actor, workflowId, 'edit')
  const version = await deps.db.$transaction((tx) =>
    snapshotVersion(tx, wf.id, 'canvas', { ...meta, automatic: false, origin: 'MANUAL', createdById: actor.userId }),
  )
  deps.events.publish({ type: 'version_created', workflowId: wf.id, version: version.version })
  return toPublicVersion(version)
}
