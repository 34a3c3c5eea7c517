import { AuthenticationError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { API_TOKEN_PREFIX } from './api-tokens.ts'
import { signSessionToken } from './session-token.ts'
import { toPublicUser, type PublicUser } from './public-user.ts'

/**
 * A new session token for the holder of a valid one (KubeOrch's POST /auth/refresh). `actor` is
 * what authentication made of the request's bearer token, so an expired, forged or revoked token
 * never gets here; `bearer` says which kind it was: API tokens are not refreshed (they live until
 * they expire or are revoked). The old session token stays valid until it expires.
 */
export async function refreshSession(deps: Deps, actor: Actor, bearer: string | null): Promise<{ token: string; user: PublicUser }> {
  const token = /^Bearer\s+(\S+)$/i.exec(bearer ?? '')?.[1]
  if (!token || token.startsWith(API_TOKEN_PREFIX)) throw new AuthenticationError('only a session token (from login or register) can be refreshed; API tokens are not')
  const user = await deps.db.user.findUnique({ where: { id: actor.userId } })
  if (!user) throw new AuthenticationError()
  return { token: await signSessionToken(user.id, deps.config.jwtSecret, deps.config.sessionTtlSeconds), user: toPublicUser(user) }
}
