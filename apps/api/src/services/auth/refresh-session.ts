import { AuthenticationError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import type { Client } from './client.ts'
import { toPublicUser, type PublicUser } from './public-user.ts'
import { startBearerSession } from './sessions.ts'

/**
 * A new bearer session for the holder of a live one (KubeOrch's POST /auth/refresh). `actor` is
 * what authentication made of the request, so an expired, forged or revoked token never gets
 * here. Only bearer sessions are refreshed: API tokens live until they expire or are revoked, and
 * a browser session is its cookie. The old session stays live until it expires or is revoked:
 * KubeOrch's UI may still have requests in flight with it (sessions per user are capped anyway).
 */
export async function refreshSession(deps: Deps, actor: Actor, client: Client): Promise<{ token: string; user: PublicUser }> {
  const credential = actor.credential
  if (credential?.kind !== 'session' || credential.via !== 'bearer')
    throw new AuthenticationError('only a session token (from login or register) can be refreshed; API tokens are not')
  const user = await deps.db.user.findUnique({ where: { id: actor.userId } })
  if (!user) throw new AuthenticationError()
  const token = await startBearerSession(deps, user.id, client)
  return { token, user: toPublicUser(user) }
}
