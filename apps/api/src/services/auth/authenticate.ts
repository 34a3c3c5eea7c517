import type { Actor, Deps } from '../context.ts'
import { API_TOKEN_PREFIX, hashApiToken } from './api-tokens.ts'
import { verifySessionToken } from './session-token.ts'

/** Resolves an `Authorization: Bearer …` value (session JWT or API token) to the actor, if valid. */
export async function authenticate(deps: Deps, authorization: string | null | undefined): Promise<Actor | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
  const token = match?.[1]
  if (!token) return undefined
  if (token.startsWith(API_TOKEN_PREFIX)) {
    const row = await deps.db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) } })
    if (!row || (row.expiresAt && row.expiresAt < new Date())) return undefined
    await deps.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
    return { userId: row.userId }
  }
  const userId = await verifySessionToken(token, deps.config.jwtSecret)
  if (!userId) return undefined
  const exists = await deps.db.user.count({ where: { id: userId } })
  return exists ? { userId } : undefined
}
