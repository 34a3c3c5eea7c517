import type { Actor, Deps } from '../context.ts'
import { loadTrigger } from './load-trigger.ts'
import { toPublicTrigger, type PublicTrigger } from './public-trigger.ts'

export async function getTrigger(deps: Deps, actor: Actor, workflowId: string, triggerId: string): Promise<PublicTrigger> {
  return toPublicTrigger(await loadTrigger(deps, actor, workflowId, triggerId, 'view'))
}
