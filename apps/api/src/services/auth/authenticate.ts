import { ForbiddenError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { API_TOKEN_PREFIX, hashApiToken } from './api-tokens.ts'
import { scopeFromDb } from './scopes.ts'
import { CSRF_HEADER, readSessionCookie } from './session-cookie.ts'
import { bearerSessionLive, csrfTokenMatches, findBrowserSession } from './sessions.ts'
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
    return { userId: row.userId, credential: { kind: 'apiToken', tokenId: row.id, scopes: row.scopes.map(scopeFromDb) } }
  }
  const claims = await verifySessionToken(token, deps.config.jwtSecret)
  if (!claims || !(await bearerSessionLive(deps, claims.userId, claims.sessionId))) return undefined
  return { userId: claims.userId, credential: { kind: 'session', sessionId: claims.sessionId, via: 'bearer' } }
}

/** What a request offers to authenticate it. */
export type RequestCredentials = {
  method: string
  authorization?: string | null
  cookie?: string | null
  origin?: string | null
  /** The CSRF token the request carries (header or, for graphql-ws, a connection parameter). */
  csrf?: string | null
}

/** True for the web app's origins (config.webOrigins): the only pages that may use the session cookie. */
export const isWebOrigin = (deps: Deps, origin: string | null | undefined) => !!origin && deps.config.webOrigins.includes(origin)

/**
 * A bearer token when there is one (scripts: nothing ambient, so no CSRF question); otherwise the
 * browser session cookie. A cookie is ambient — the browser sends it whatever page made the
 * request — so it only counts for a request from one of the web app's origins (or without an
 * Origin, e.g. a top-level navigation), and a request that can change state (anything but GET and
 * HEAD; graphql-ws counts as one) must also carry the session's CSRF token: refused with 403
 * otherwise. A GET from a foreign origin just does not see the cookie.
 */
export async function authenticateRequest(deps: Deps, req: RequestCredentials): Promise<Actor | undefined> {
  if (req.authorization) return authenticate(deps, req.authorization)
  const cookieValue = readSessionCookie(req.cookie)
  if (!cookieValue) return undefined
  const safe = req.method === 'GET' || req.method === 'HEAD'
  const foreign = !!req.origin && !isWebOrigin(deps, req.origin)
  if (foreign && safe) return undefined
  const session = await findBrowserSession(deps, cookieValue)
  if (!session) return undefined
  if (foreign) throw new ForbiddenError(`the session cookie cannot be used from ${req.origin}`)
  if (!safe && !csrfTokenMatches(deps, session.id, req.csrf))
    throw new ForbiddenError(`a request authenticated by the session cookie must send the session's CSRF token in ${CSRF_HEADER}`)
  return { userId: session.userId, credential: { kind: 'session', sessionId: session.id, via: 'cookie' } }
}
