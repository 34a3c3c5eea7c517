import { AuthenticationError, ValidationError } from '../../errors.ts'
import { createApiToken, listApiTokens, loginUser, registerUser, revokeApiToken, type PublicUser } from '../../services/index.ts'
import { builder } from '../builder.ts'
import { WRITE_ERRORS } from './errors.ts'

export const UserRef = builder.objectRef<PublicUser>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

const AuthPayload = builder.objectRef<{ token: string; user: PublicUser }>('AuthPayload').implement({
  fields: (t) => ({ token: t.exposeString('token'), user: t.field({ type: UserRef, resolve: (p) => p.user }) }),
})

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number]
const ApiTokenRef = builder.objectRef<TokenRow>('ApiToken').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
  }),
})
const NewApiToken = builder.objectRef<{ token: string; apiToken: TokenRow }>('NewApiToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown once; only its hash is stored.' }),
    apiToken: t.field({ type: ApiTokenRef, resolve: (p) => p.apiToken }),
  }),
})

builder.queryFields((t) => ({
  me: t.field({
    type: UserRef,
    authScopes: { loggedIn: true },
    resolve: async (_r, _a, ctx) => {
      const user = await ctx.deps.db.user.findUnique({ where: { id: ctx.actor!.userId } })
      if (!user) throw new AuthenticationError()
      return user
    },
  }),
  apiTokens: t.field({
    type: [ApiTokenRef],
    authScopes: { loggedIn: true },
    resolve: (_r, _a, ctx) => listApiTokens(ctx.deps, ctx.actor!),
  }),
}))

builder.mutationFields((t) => ({
  register: t.field({
    type: AuthPayload,
    errors: { types: [ValidationError] },
    args: { email: t.arg.string(), password: t.arg.string(), name: t.arg.string({ required: false }) },
    resolve: (_r, args, ctx) => registerUser(ctx.deps, args),
  }),
  login: t.field({
    type: AuthPayload,
    errors: { types: [ValidationError, AuthenticationError] },
    args: { email: t.arg.string(), password: t.arg.string() },
    resolve: (_r, args, ctx) => loginUser(ctx.deps, args),
  }),
  createApiToken: t.field({
    type: NewApiToken,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { name: t.arg.string(), expiresInDays: t.arg.int({ required: false }) },
    resolve: (_r, args, ctx) => createApiToken(ctx.deps, ctx.actor!, { name: args.name, expiresInDays: args.expiresInDays ?? undefined }),
  }),
  revokeApiToken: t.field({
    type: 'Boolean',
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.id() },
    resolve: async (_r, args, ctx) => (await revokeApiToken(ctx.deps, ctx.actor!, String(args.id)), true),
  }),
}))
