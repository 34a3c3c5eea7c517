import { ConflictError, NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { isUuid } from '../ids.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { getRun } from './get-run.ts'

/** Asks a running run to stop; it does so between steps and ends `cancelled`. */
export async function cancelRun(deps: Deps, actor: Actor, workflowId: string, runId: string) {
  const wf = await loadWorkflow(deps, actor, workflowId, 'edit')
  if (!isUuid(runId)) throw new NotFoundError('run')
  const { count } = await deps.db.workflowRun.updateMany({ where: { id: runId, workflowId: wf.id, status: 'RUNNING' }, data: { cancelRequested: true } })
  if (count === 0) {
    const run = await getRun(deps, actor, workflowId, runId)
    throw new ConflictError(`run ${run.id} is already ${run.status.toLowerCase()}`, 'RUN_ENDED')
  }
  return getRun(deps, actor, workflowId, runId)
}
