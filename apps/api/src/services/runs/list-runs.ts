import type { Actor, Deps } from '../context.ts'
import type { Page } from '../pagination.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { toPublicRun, type PublicRun } from './public-run.ts'
import { listRunsInput } from './run-input.ts'

/** Newest first; each with its node states (logs are fetched per run). */
export async function listRuns(deps: Deps, actor: Actor, workflowId: string, input: unknown): Promise<Page<PublicRun>> {
  const { page, limit } = parseInput(listRunsInput, input)
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  const where = { workflowId: wf.id }
  const [rows, total] = await deps.db.$transaction([
    deps.db.workflowRun.findMany({
      where,
      orderBy: { startedAt: 'desc' },
      skip: (page - 1) * limit,
      take: limit,
      include: { nodeStates: { orderBy: { nodeId: 'asc' } } },
    }),
    deps.db.workflowRun.count({ where }),
  ])
  return { items: rows.map(toPublicRun), total, page, limit }
}
