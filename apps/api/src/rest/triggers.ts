import {
  createTrigger,
  deleteTrigger,
  getTrigger,
  listTriggerFirings,
  listTriggers,
  updateTrigger,
  type PublicFiring,
  type PublicTrigger,
} from '../services/index.ts'
import { pageToRest } from './mappers.ts'
import type { Route } from './router.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export const triggerToRest = (t: PublicTrigger) => ({
  id: t.id,
  workflow_id: t.workflowId,
  kind: t.kind,
  name: t.name,
  enabled: t.enabled,
  cron: t.cron,
  timezone: t.timezone,
  next_fire_at: iso(t.nextFireAt),
  token_prefix: t.tokenPrefix,
  created_by: t.createdById,
  last_fired_at: iso(t.lastFiredAt),
  created_at: iso(t.createdAt),
  updated_at: iso(t.updatedAt),
})

export const firingToRest = (f: PublicFiring) => ({
  id: f.id,
  trigger_id: f.triggerId,
  at: iso(f.at),
  tick: iso(f.tick),
  outcome: f.outcome,
  run_id: f.runId,
  message: f.message,
})

type TriggerBody = { kind?: unknown; name?: unknown; cron?: unknown; timezone?: unknown; enabled?: unknown }
const fromRest = (b: TriggerBody) => ({ kind: b.kind, name: b.name, cron: b.cron, timezone: b.timezone, enabled: b.enabled })

export const triggerRoutes: Route[] = [
  {
    method: 'GET', path: '/workflows/:id/triggers', summary: 'Schedule and webhook triggers → { triggers } (next_fire_at for schedules)',
    handler: async ({ deps, actor, params }) => ({ triggers: (await listTriggers(deps, actor, params.id!)).map(triggerToRest) }),
  },
  {
    method: 'POST', path: '/workflows/:id/triggers', status: 201,
    summary: '{ kind: schedule, cron, timezone?, name?, enabled? } or { kind: webhook, name?, enabled? } → 201 { id, trigger, secret?, url? } (webhook secret and URL shown once)',
    handler: async ({ deps, actor, params, body }) => {
      const created = await createTrigger(deps, actor, params.id!, fromRest((body ?? {}) as TriggerBody))
      return { id: created.trigger.id, trigger: triggerToRest(created.trigger), secret: created.secret, url: created.url }
    },
  },
  {
    method: 'GET', path: '/workflows/:id/triggers/:triggerId', summary: 'One trigger (never its secret)',
    handler: async ({ deps, actor, params }) => triggerToRest(await getTrigger(deps, actor, params.id!, params.triggerId!)),
  },
  {
    method: 'PUT', path: '/workflows/:id/triggers/:triggerId', summary: '{ name?, cron?, timezone?, enabled? }',
    handler: async ({ deps, actor, params, body }) => {
      const b = (body ?? {}) as TriggerBody
      return triggerToRest(await updateTrigger(deps, actor, params.id!, params.triggerId!, { name: b.name, cron: b.cron, timezone: b.timezone, enabled: b.enabled }))
    },
  },
  {
    method: 'DELETE', path: '/workflows/:id/triggers/:triggerId', summary: 'Remove a trigger (its runs stay)',
    handler: async ({ deps, actor, params }) => deleteTrigger(deps, actor, params.id!, params.triggerId!),
  },
  {
    method: 'GET', path: '/workflows/:id/triggers/:triggerId/firings', summary: 'What each firing did (started, skipped, failed) ?page&limit → { firings, total, page, limit }',
    handler: async ({ deps, actor, params, query }) => pageToRest('firings', await listTriggerFirings(deps, actor, params.id!, params.triggerId!, query), firingToRest),
  },
]
