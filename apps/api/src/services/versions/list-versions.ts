import type { VersionOrigin } from '@kubeorch/db'
import type { Actor, Deps } from '../context.ts'
import type { Page } from '../pagination.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { listVersionsInput } from './version-input.ts'
import { toPublicVersion, type PublicVersion } from './public-version.ts'

/** Newest first; optionally only tagged ones, or one origin (what a person saved, runs, restores, fixes). */
export async function listVersions(deps: Deps, actor: Actor, workflowId: string, input: unknown): Promise<Page<PublicVersion>> {
  const { page, limit, tagged, origin } = parseInput(listVersionsInput, input)
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  const where = {
    workflowId: wf.id,
    ...(tagged ? { tag: { not: null } } : {}),
    ...(origin ? { origin: origin.toUpperCase() as VersionOrigin } : {}),
  }
  const [rows, total] = await deps.db.$transaction([
    deps.db.workflowVersion.findMany({ where, orderBy: { version: 'desc' }, skip: (page - 1) * limit, take: limit }),
    deps.db.workflowVersion.count({ where }),
  ])
  return { items: rows.map(toPublicVersion), total, page, limit }
}
