import {
  createApiToken, endCurrentSession, listApiTokens, listSessions, loginUser, registerUser, revokeApiToken, revokeSession, refreshSession,
  type PublicApiToken, type PublicSession,
} from '../services/index.ts'
import { userToRest } from './mappers.ts'
import type { Route } from './router.ts'

const session = (r: Awaited<ReturnType<typeof loginUser>>) => ({ token: r.token, user: userToRest(r.user) })
const tokenToRest = (t: PublicApiToken) => ({
  id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, created_at: t.createdAt, last_used_at: t.lastUsedAt, expires_at: t.expiresAt,
})
const sessionToRest = (s: PublicSession) => ({
  id: s.id, kind: s.kind.toLowerCase(), current: s.current, user_agent: s.userAgent, address: s.address, created_at: s.createdAt, expires_at: s.expiresAt,
})

export const authRoutes: Route[] = [
  {
    method: 'POST', path: '/auth/register', summary: 'Register a user → { token, user } (403 when registration is closed, 429 past the hourly limit per address)', public: true, status: 201,
    handler: async ({ deps, body, client }) => session(await registerUser(deps, body, client)),
  },
  {
    method: 'POST', path: '/auth/login', summary: 'Log in → { token, user } (a revocable session; 429 with Retry-After while throttled)', public: true,
    handler: async ({ deps, body, client }) => session(await loginUser(deps, body, client)),
  },
  {
    method: 'POST', path: '/auth/logout', summary: 'End the calling session (its token stops working)', scope: 'session',
    handler: async ({ deps, actor }) => void (await endCurrentSession(deps, actor)),
  },
  {
    // Any live credential reaches the service, which answers an API token with why it is not refreshed.
    method: 'POST', path: '/auth/refresh', summary: 'A new session token for a valid, unexpired one (Authorization: Bearer <session token>) → { token, user }', scope: 'read',
    handler: async ({ deps, actor, client }) => session(await refreshSession(deps, actor, client)),
  },
  {
    method: 'GET', path: '/auth/methods', summary: 'How one can sign in → { builtin: { enabled, signupEnabled }, providers: [] } (no OAuth providers)', public: true,
    handler: async ({ deps }) => ({ builtin: { enabled: true, signupEnabled: deps.config.registration === 'open' }, providers: [] }),
  },
  {
    method: 'GET', path: '/auth/sessions', summary: 'Your signed-in sessions (browser and bearer); `current` marks the caller', scope: 'session',
    handler: async ({ deps, actor }) => ({ sessions: (await listSessions(deps, actor)).map(sessionToRest) }),
  },
  {
    method: 'DELETE', path: '/auth/sessions/:id', summary: 'Sign one of your sessions out', scope: 'session',
    handler: async ({ deps, actor, params }) => void (await revokeSession(deps, actor, params.id!)),
  },
  {
    method: 'GET', path: '/auth/tokens', summary: 'List your API tokens', scope: 'session',
    handler: async ({ deps, actor }) => ({ tokens: (await listApiTokens(deps, actor)).map(tokenToRest) }),
  },
  {
    method: 'POST', path: '/auth/tokens', scope: 'session', status: 201,
    summary: 'Create an API token { name, scopes?: ["read"|"write"|"run"] (default ["read"]), expires_in_days? } → { token } (shown once)',
    handler: async ({ deps, actor, body }) => {
      const b = (body ?? {}) as Record<string, unknown>
      const { token, apiToken } = await createApiToken(deps, actor, { name: b.name, scopes: b.scopes, expiresInDays: b.expires_in_days })
      return { token, id: apiToken.id, name: apiToken.name, scopes: apiToken.scopes, expires_at: apiToken.expiresAt }
    },
  },
  {
    method: 'DELETE', path: '/auth/tokens/:id', summary: 'Revoke an API token', scope: 'session',
    handler: async ({ deps, actor, params }) => void (await revokeApiToken(deps, actor, params.id!)),
  },
]
