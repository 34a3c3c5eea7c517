import type { WorkflowVersion } from '@kubeorch/db'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow, type Need } from '../workflows/workflow-access.ts'
import { versionNumber } from './version-input.ts'
import { toPublicVersion, type PublicVersion } from './public-version.ts'

export async function loadVersion(deps: Deps, actor: Actor, workflowId: string, version: unknown, need: Need = 'view'): Promise<WorkflowVersion> {
  const wf = await loadWorkflow(deps, actor, workflowId, need)
  const number = parseInput(versionNumber, version)
  const row = await deps.db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: wf.id, version: number } } })
  if (!row) throw new NotFoundError(`version ${number}`)
  return row
}

export async function getVersion(deps: Deps, actor: Actor, workflowId: string, version: unknown): Promise<PublicVersion> {
  return toPublicVersion(await loadVersion(deps, actor, workflowId, version))
}
