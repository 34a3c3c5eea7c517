import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { isUuid } from '../ids.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { toPublicRun, type PublicRun } from './public-run.ts'

export async function getRun(deps: Deps, actor: Actor, workflowId: string, runId: string): Promise<PublicRun> {
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  if (!isUuid(runId)) throw new NotFoundError('run')
  const run = await deps.db.workflowRun.findFirst({
    where: { id: runId, workflowId: wf.id },
    include: { nodeStates: { orderBy: { nodeId: 'asc' } }, logs: { orderBy: { id: 'asc' } } },
  })
  if (!run) throw new NotFoundError('run')
  return toPublicRun(run)
}
