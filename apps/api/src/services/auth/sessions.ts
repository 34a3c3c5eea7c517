import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Session, SessionKind } from '@kubeorch/db'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { isUuid } from '../ids.ts'
import type { Client } from './client.ts'
import { signSessionToken } from './session-token.ts'

/** Sessions kept per user: signing in again past this drops the oldest (bounded rows per account). */
const MAX_SESSIONS_PER_USER = 50

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

export type PublicSession = Pick<Session, 'id' | 'kind' | 'userAgent' | 'address' | 'createdAt' | 'expiresAt'> & { current: boolean }

async function startSession(deps: Deps, userId: string, kind: SessionKind, client: Client, secretHash?: string): Promise<Session> {
  const now = new Date()
  const session = await deps.db.session.create({
    data: { userId, kind, secretHash, userAgent: client.userAgent, address: client.address, expiresAt: new Date(now.getTime() + deps.config.sessionTtlSeconds * 1000) },
  })
  await deps.db.$executeRaw`DELETE FROM "Session" WHERE "userId" = ${userId}::uuid AND ("expiresAt" < ${now} OR "id" NOT IN (
    SELECT "id" FROM "Session" WHERE "userId" = ${userId}::uuid ORDER BY "createdAt" DESC LIMIT ${MAX_SESSIONS_PER_USER}))`
  return session
}

/** A session for scripts: its bearer JWT names the Session row, which revoking deletes. */
export async function startBearerSession(deps: Deps, userId: string, client: Client): Promise<string> {
  const session = await startSession(deps, userId, 'BEARER', client)
  return signSessionToken(userId, session.id, deps.config.jwtSecret, deps.config.sessionTtlSeconds)
}

/** A browser session: the cookie value is returned once; only its SHA-256 is stored. */
export async function startBrowserSession(deps: Deps, userId: string, client: Client): Promise<{ cookieValue: string; session: Session; csrfToken: string }> {
  const cookieValue = randomBytes(32).toString('base64url')
  const session = await startSession(deps, userId, 'BROWSER', client, hashSecret(cookieValue))
  return { cookieValue, session, csrfToken: csrfTokenFor(deps, session.id) }
}

/** The live browser session a cookie value names, if any. */
export async function findBrowserSession(deps: Deps, cookieValue: string): Promise<Session | undefined> {
  const session = await deps.db.session.findUnique({ where: { secretHash: hashSecret(cookieValue) } })
  return session && session.kind === 'BROWSER' && session.expiresAt > new Date() ? session : undefined
}

/** A bearer session that still exists (not revoked, not expired) for this user. */
export async function bearerSessionLive(deps: Deps, userId: string, sessionId: string): Promise<boolean> {
  if (!isUuid(sessionId)) return false
  const n = await deps.db.session.count({ where: { id: sessionId, userId, kind: 'BEARER', expiresAt: { gt: new Date() } } })
  return n > 0
}

/**
 * The CSRF token of a browser session (double submit: cookie-authenticated writes must send it in
 * a header, which another site's page can neither read nor set). Derived, so nothing more is stored.
 */
export function csrfTokenFor(deps: Deps, sessionId: string): string {
  return createHmac('sha256', deps.config.jwtSecret).update(`csrf\n${sessionId}`).digest('base64url')
}

export function csrfTokenMatches(deps: Deps, sessionId: string, sent: string | null | undefined): boolean {
  const want = Buffer.from(csrfTokenFor(deps, sessionId))
  const got = Buffer.from(sent ?? '')
  return got.length === want.length && timingSafeEqual(got, want)
}

const currentSessionId = (actor: Actor) => (actor.credential?.kind === 'session' ? actor.credential.sessionId : undefined)

export async function listSessions(deps: Deps, actor: Actor): Promise<PublicSession[]> {
  const rows = await deps.db.session.findMany({
    where: { userId: actor.userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, kind: true, userAgent: true, address: true, createdAt: true, expiresAt: true },
  })
  const current = currentSessionId(actor)
  return rows.map((r) => ({ ...r, current: r.id === current }))
}

/** Signs one of the actor's own sessions out (another user's is "not found"). */
export async function revokeSession(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError('session')
  const { count } = await deps.db.session.deleteMany({ where: { id, userId: actor.userId } })
  if (count === 0) throw new NotFoundError('session')
}

/** Signs the calling session out; false when the caller is not a session (an API token). */
export async function endCurrentSession(deps: Deps, actor: Actor): Promise<boolean> {
  const id = currentSessionId(actor)
  if (!id) return false
  await deps.db.session.deleteMany({ where: { id, userId: actor.userId } })
  return true
}
