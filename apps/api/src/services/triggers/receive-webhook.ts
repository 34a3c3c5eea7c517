import { Prisma } from '@kubeorch/db'
import { AuthenticationError, ConflictError, NotFoundError } from '../../errors.ts'
import { parseBoundedJson } from '../bounded-json.ts'
import type { Deps } from '../context.ts'
import { hashWebhookToken, WEBHOOK_TOKEN_PREFIX } from './create-trigger.ts'
import { fireTrigger, type Firing } from './fire-trigger.ts'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureMatches } from './webhook-signature.ts'

/**
 * A webhook delivery: the token finds the trigger, the signature (HMAC-SHA256 of timestamp and
 * raw body) proves the sender holds the secret, the timestamp must be within the tolerance, and a
 * signature already accepted is a replay. Only then is the JSON payload stored as the run's
 * trigger data and the run started. Every refusal happens before anything is written.
 */
export async function receiveWebhook(deps: Deps, token: string, headers: Headers, rawBody: string, now = Date.now()): Promise<Firing> {
  if (!token.startsWith(WEBHOOK_TOKEN_PREFIX)) throw new NotFoundError('webhook')
  const trigger = await deps.db.workflowTrigger.findUnique({ where: { tokenHash: hashWebhookToken(token) } })
  if (!trigger || trigger.kind !== 'WEBHOOK' || !trigger.secret) throw new NotFoundError('webhook')

  const timestamp = headers.get(TIMESTAMP_HEADER) ?? ''
  const signature = headers.get(SIGNATURE_HEADER) ?? ''
  if (!/^\d{1,12}$/.test(timestamp)) throw new AuthenticationError(`missing or invalid ${TIMESTAMP_HEADER} (Unix seconds)`)
  if (!signature) throw new AuthenticationError(`missing ${SIGNATURE_HEADER}`)
  const secret = deps.sealer.open(trigger.secret).toString('utf8')
  if (!signatureMatches(secret, timestamp, rawBody, signature)) throw new AuthenticationError('signature does not match')
  const skew = Math.abs(now / 1000 - Number(timestamp))
  if (skew > deps.config.webhookToleranceSeconds)
    throw new AuthenticationError(`timestamp is ${Math.round(skew)}s away from now; at most ${deps.config.webhookToleranceSeconds}s is accepted (replays are refused)`)

  const payload = rawBody.trim() === '' ? undefined : parseBoundedJson(rawBody, ['body'], 'must be JSON')
  if (!trigger.enabled) throw new ConflictError('this webhook trigger is disabled', 'TRIGGER_DISABLED')

  // A fresh timestamp and a good signature seen before: the same delivery sent again.
  try {
    await deps.db.webhookDelivery.create({ data: { triggerId: trigger.id, signature } })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      throw new ConflictError('this delivery was already received (replay refused)', 'REPLAY')
    throw e
  }
  // Signatures older than the tolerance can no longer be replayed (their timestamp is stale).
  await deps.db.webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now - 2 * deps.config.webhookToleranceSeconds * 1000) } } })
  return fireTrigger(deps, trigger, { triggerData: payload })
}
