import type { Actor, Deps } from '../context.ts'
import type { Page } from '../pagination.ts'
import { parseInput } from '../parse-input.ts'
import { loadTrigger } from './load-trigger.ts'
import { toPublicFiring, type PublicFiring } from './public-trigger.ts'
import { listFiringsInput } from './trigger-input.ts'

/** What each firing did (started, skipped, refused, failed), newest first. */
export async function listTriggerFirings(deps: Deps, actor: Actor, workflowId: string, triggerId: string, input: unknown): Promise<Page<PublicFiring>> {
  const trigger = await loadTrigger(deps, actor, workflowId, triggerId, 'view')
  const { page, limit } = parseInput(listFiringsInput, input ?? {})
  const [rows, total] = await Promise.all([
    deps.db.triggerFiring.findMany({ where: { triggerId: trigger.id }, orderBy: { at: 'desc' }, skip: (page - 1) * limit, take: limit }),
    deps.db.triggerFiring.count({ where: { triggerId: trigger.id } }),
  ])
  return { items: rows.map(toPublicFiring), total, page, limit }
}
