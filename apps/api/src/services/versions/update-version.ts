import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadVersion } from './get-version.ts'
import { updateVersionInput } from './version-input.ts'
import { toPublicVersion, type PublicVersion } from './public-version.ts'

/** Only the label fields change; a version's graph is immutable. */
export async function updateVersion(deps: Deps, actor: Actor, workflowId: string, version: unknown, input: unknown): Promise<PublicVersion> {
  const data = parseInput(updateVersionInput, input)
  const row = await loadVersion(deps, actor, workflowId, version, 'edit')
  return toPublicVersion(await deps.db.workflowVersion.update({ where: { id: row.id }, data }))
}
