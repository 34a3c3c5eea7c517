import { createApiToken, listApiTokens, loginUser, refreshSession, registerUser, revokeApiToken } from '../services/index.ts'
import { userToRest } from './mappers.ts'
import type { Route } from './router.ts'

const session = (r: Awaited<ReturnType<typeof loginUser>>) => ({ token: r.token, user: userToRest(r.user) })

export const authRoutes: Route[] = [
  {
    method: 'POST', path: '/auth/register', summary: 'Register a user → { token, user }', public: true, status: 201,
    handler: async ({ deps, body }) => session(await registerUser(deps, body)),
  },
  {
    method: 'POST', path: '/auth/login', summary: 'Log in → { token, user }', public: true,
    handler: async ({ deps, body }) => session(await loginUser(deps, body)),
  },
  {
    method: 'POST', path: '/auth/refresh', summary: 'A new session token for a valid, unexpired one (Authorization: Bearer <session token>) → { token, user }',
    handler: async ({ deps, actor, request }) => session(await refreshSession(deps, actor, request.headers.get('authorization'))),
  },
  {
    method: 'GET', path: '/auth/methods', summary: 'How one can sign in → { builtin: { enabled, signupEnabled }, providers: [] } (no OAuth providers)', public: true,
    handler: async () => ({ builtin: { enabled: true, signupEnabled: true }, providers: [] }),
  },
  {
    method: 'GET', path: '/auth/tokens', summary: 'List your API tokens',
    handler: async ({ deps, actor }) => ({
      tokens: (await listApiTokens(deps, actor)).map((t) => ({
        id: t.id, name: t.name, prefix: t.prefix, created_at: t.createdAt, last_used_at: t.lastUsedAt, expires_at: t.expiresAt,
      })),
    }),
  },
  {
    method: 'POST', path: '/auth/tokens', summary: 'Create an API token { name, expires_in_days? } → { token } (shown once)', status: 201,
    handler: async ({ deps, actor, body }) => {
      const b = (body ?? {}) as Record<string, unknown>
      const { token, apiToken } = await createApiToken(deps, actor, { name: b.name, expiresInDays: b.expires_in_days })
      return { token, id: apiToken.id, name: apiToken.name, expires_at: apiToken.expiresAt }
    },
  },
  {
    method: 'DELETE', path: '/auth/tokens/:id', summary: 'Revoke an API token',
    handler: async ({ deps, actor, params }) => void (await revokeApiToken(deps, actor, params.id!)),
  },
]
