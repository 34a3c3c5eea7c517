import { invalidField } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadTrigger } from './load-trigger.ts'
import { toPublicTrigger, type PublicTrigger } from './public-trigger.ts'
import { updateTriggerInput } from './trigger-input.ts'

/** Renames, enables/disables, or (schedules) changes the cron expression or time zone. */
export async function updateTrigger(deps: Deps, actor: Actor, workflowId: string, triggerId: string, input: unknown): Promise<PublicTrigger> {
  const trigger = await loadTrigger(deps, actor, workflowId, triggerId, 'edit')
  const patch = parseInput(updateTriggerInput, input)
  if (trigger.kind === 'WEBHOOK') {
    if (patch.cron !== undefined) throw invalidField(['cron'], 'a webhook trigger has no schedule')
    if (patch.timezone !== undefined) throw invalidField(['timezone'], 'a webhook trigger has no schedule')
  }
  const row = await deps.db.workflowTrigger.update({ where: { id: trigger.id }, data: patch })
  await deps.scheduler.sync(deps, row)
  return toPublicTrigger(row)
}
