import type { Actor, Deps } from '../context.ts'
import { loadTrigger } from './load-trigger.ts'

/** Removes a trigger; its firings go with it, runs it started stay (their trigger becomes null). */
export async function deleteTrigger(deps: Deps, actor: Actor, workflowId: string, triggerId: string): Promise<void> {
  const trigger = await loadTrigger(deps, actor, workflowId, triggerId, 'edit')
  await deps.db.workflowTrigger.delete({ where: { id: trigger.id } })
  await deps.scheduler.sync(deps, { ...trigger, enabled: false })
}
