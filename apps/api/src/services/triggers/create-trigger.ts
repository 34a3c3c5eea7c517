import { createHash, randomBytes } from 'node:crypto'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { toPublicTrigger, type PublicTrigger } from './public-trigger.ts'
import { createTriggerInput } from './trigger-input.ts'

export const WEBHOOK_TOKEN_PREFIX = 'wh_'
export const hashWebhookToken = (token: string) => createHash('sha256').update(token).digest('hex')
export const webhookPath = (token: string) => `/v1/api/hooks/${token}`
/** The part of a token that may be shown (trigger lists, log lines): "wh_" and 5 characters. */
export const webhookTokenPrefix = (token: string) => token.slice(0, 8)

export type CreatedTrigger = {
  trigger: PublicTrigger
  /** Webhooks only, shown this once: the HMAC-SHA256 key and the URL (its token is the lookup key). */
  secret: string | null
  url: string | null
}

/**
 * Adds a schedule or a webhook to a workflow. A webhook gets an unguessable URL token (only its
 * SHA-256 is stored) and a secret (sealed with AES-256-GCM, since verifying a signature needs it);
 * both are returned here and never again.
 */
export async function createTrigger(deps: Deps, actor: Actor, workflowId: string, input: unknown): Promise<CreatedTrigger> {
  const wf = await loadWorkflow(deps, actor, workflowId, 'edit')
  const parsed = parseInput(createTriggerInput, input)
  if (parsed.kind === 'schedule') {
    const row = await deps.db.workflowTrigger.create({
      data: { workflowId: wf.id, kind: 'SCHEDULE', name: parsed.name, enabled: parsed.enabled, cron: parsed.cron, timezone: parsed.timezone, createdById: actor.userId },
    })
    await deps.scheduler.sync(deps, row)
    return { trigger: toPublicTrigger(row), secret: null, url: null }
  }
  const token = WEBHOOK_TOKEN_PREFIX + randomBytes(24).toString('base64url')
  const secret = 'whsec_' + randomBytes(32).toString('base64url')
  const row = await deps.db.workflowTrigger.create({
    data: {
      workflowId: wf.id,
      kind: 'WEBHOOK',
      name: parsed.name,
      enabled: parsed.enabled,
      tokenHash: hashWebhookToken(token),
      tokenPrefix: webhookTokenPrefix(token),
      secret: new Uint8Array(deps.sealer.seal(secret)),
      createdById: actor.userId,
    },
  })
  return { trigger: toPublicTrigger(row), secret, url: (deps.config.publicUrl?.replace(/\/$/, '') ?? '') + webhookPath(token) }
}
