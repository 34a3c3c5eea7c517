import type { TriggerFiring, WorkflowTrigger } from '@kubeorch/db'
import { nextFireAt } from './cron-schedule.ts'

/** A trigger as the APIs show it: never the webhook secret nor the token (both shown once, on creation). */
export type PublicTrigger = {
  id: string
  workflowId: string
  kind: 'schedule' | 'webhook'
  name: string
  enabled: boolean
  cron: string | null
  timezone: string | null
  nextFireAt: Date | null
  tokenPrefix: string | null
  createdById: string | null
  lastFiredAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export const toPublicTrigger = (t: WorkflowTrigger, now = new Date()): PublicTrigger => ({
  id: t.id,
  workflowId: t.workflowId,
  kind: t.kind === 'SCHEDULE' ? 'schedule' : 'webhook',
  name: t.name,
  enabled: t.enabled,
  cron: t.cron,
  timezone: t.timezone,
  nextFireAt: t.kind === 'SCHEDULE' && t.enabled && t.cron ? nextFireAt(t.cron, t.timezone ?? 'UTC', now) : null,
  tokenPrefix: t.tokenPrefix,
  createdById: t.createdById,
  lastFiredAt: t.lastFiredAt,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
})

export type PublicFiring = Pick<TriggerFiring, 'id' | 'triggerId' | 'at' | 'tick' | 'outcome' | 'runId' | 'message'>
export const toPublicFiring = ({ id, triggerId, at, tick, outcome, runId, message }: TriggerFiring): PublicFiring => ({ id, triggerId, at, tick, outcome, runId, message })
