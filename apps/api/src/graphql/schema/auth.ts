import { AuthenticationError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '../../errors.ts'
import {
  createApiToken, csrfTokenFor, endCurrentSession, listApiTokens, listSessions, loginUser, registerUser, requires, revokeApiToken, revokeSession,
  signInBrowser, signOutCookie, signUpBrowser, toPublicUser, SCOPES,
  type BrowserSession, type PublicApiToken, type PublicSession, type PublicUser, type Scope,
} from '../../services/index.ts'
import { builder, type GraphQLContext } from '../builder.ts'
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
  description: 'A bearer session for scripts: send the token as Authorization: Bearer … (revocable under sessions).',
  fields: (t) => ({ token: t.exposeString('token'), user: t.field({ type: UserRef, resolve: (p) => p.user }) }),
})

const BrowserSessionRef = builder.objectRef<BrowserSession>('BrowserSession').implement({
  description: 'The web app\'s session: held in an httpOnly cookie; writes send csrfToken in the x-kubeorch-csrf header.',
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (p) => p.user }),
    csrfToken: t.exposeString('csrfToken'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

const ScopeEnum = builder.enumType('ApiTokenScope', {
  description: 'read: queries and streams; write: changes to designs, clusters, triggers; run: runs and terminals.',
  values: Object.fromEntries(SCOPES.map((s) => [s.toUpperCase(), { value: s }])) as Record<Uppercase<Scope>, { value: Scope }>,
})
const SessionKindEnum = builder.enumType('SessionKind', {
  values: { BROWSER: { description: 'the web app (cookie)' }, BEARER: { description: 'a script (JWT from login/register)' } } as const,
})

const ApiTokenRef = builder.objectRef<PublicApiToken>('ApiToken').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix'),
    scopes: t.field({ type: [ScopeEnum], resolve: (p) => p.scopes }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
  }),
})
const NewApiToken = builder.objectRef<{ token: string; apiToken: PublicApiToken }>('NewApiToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown once; only its hash is stored.' }),
    apiToken: t.field({ type: ApiTokenRef, resolve: (p) => p.apiToken }),
  }),
})

const SessionRef = builder.objectRef<PublicSession>('Session').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: SessionKindEnum, resolve: (s) => s.kind }),
    current: t.exposeBoolean('current', { description: 'The session this request came with.' }),
    userAgent: t.exposeString('userAgent', { nullable: true }),
    address: t.exposeString('address', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

const SIGN_IN_ERRORS = [ValidationError, AuthenticationError, RateLimitedError, ForbiddenError]

/** Starts the browser session: the cookie goes on the answer (app.ts), the rest in the payload. */
const withCookie = async (ctx: GraphQLContext, started: Promise<BrowserSession & { setCookie: string }>): Promise<BrowserSession> => {
  const { setCookie, ...session } = await started
  ctx.setCookies.push(setCookie)
  return session
}

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
  browserSession: t.field({
    type: BrowserSessionRef,
    nullable: true,
    extensions: requires('public'),
    description: 'The browser session of the cookie this request carries (null without one). Safe over GET: the web app reads its CSRF token here after a reload.',
    resolve: async (_r, _a, ctx) => {
      const credential = ctx.actor?.credential
      if (credential?.kind !== 'session' || credential.via !== 'cookie') return null
      const session = await ctx.deps.db.session.findUnique({ where: { id: credential.sessionId }, include: { user: true } })
      return session && { user: toPublicUser(session.user), csrfToken: csrfTokenFor(ctx.deps, session.id), expiresAt: session.expiresAt }
    },
  }),
  apiTokens: t.field({
    type: [ApiTokenRef],
    authScopes: { loggedIn: true },
    extensions: requires('session'),
    resolve: (_r, _a, ctx) => listApiTokens(ctx.deps, ctx.actor!),
  }),
  sessions: t.field({
    type: [SessionRef],
    authScopes: { loggedIn: true },
    extensions: requires('session'),
    description: 'Your signed-in sessions, newest first.',
    resolve: (_r, _a, ctx) => listSessions(ctx.deps, ctx.actor!),
  }),
}))

builder.mutationFields((t) => ({
  register: t.field({
    type: AuthPayload,
    extensions: requires('public'),
    errors: { types: [ValidationError, ForbiddenError, RateLimitedError] },
    args: { email: t.arg.string(), password: t.arg.string(), name: t.arg.string({ required: false }) },
    resolve: (_r, args, ctx) => registerUser(ctx.deps, { ...args, name: args.name ?? undefined }, ctx.client),
  }),
  login: t.field({
    type: AuthPayload,
    extensions: requires('public'),
    errors: { types: [ValidationError, AuthenticationError, RateLimitedError] },
    args: { email: t.arg.string(), password: t.arg.string() },
    resolve: (_r, args, ctx) => loginUser(ctx.deps, args, ctx.client),
  }),
  signIn: t.field({
    type: BrowserSessionRef,
    extensions: requires('public'),
    description: 'Signs the web app in: sets the httpOnly session cookie (no token in the answer).',
    errors: { types: SIGN_IN_ERRORS },
    args: { email: t.arg.string(), password: t.arg.string() },
    resolve: (_r, args, ctx) => withCookie(ctx, signInBrowser(ctx.deps, args, ctx.client)),
  }),
  signUp: t.field({
    type: BrowserSessionRef,
    extensions: requires('public'),
    description: 'Registers from the web app and signs it in with the session cookie.',
    errors: { types: SIGN_IN_ERRORS },
    args: { email: t.arg.string(), password: t.arg.string(), name: t.arg.string({ required: false }) },
    resolve: (_r, args, ctx) => withCookie(ctx, signUpBrowser(ctx.deps, { ...args, name: args.name ?? undefined }, ctx.client)),
  }),
  signOut: t.boolean({
    extensions: requires('public'),
    description: 'Ends the calling session (cookie or bearer) and clears the cookie; true if a session ended.',
    resolve: async (_r, _a, ctx) => {
      ctx.setCookies.push(signOutCookie(ctx.deps, ctx.client))
      return ctx.actor ? endCurrentSession(ctx.deps, ctx.actor) : false
    },
  }),
  revokeSession: t.field({
    type: 'Boolean',
    authScopes: { loggedIn: true },
    extensions: requires('session'),
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id() },
    resolve: async (_r, args, ctx) => (await revokeSession(ctx.deps, ctx.actor!, String(args.id)), true),
  }),
  createApiToken: t.field({
    type: NewApiToken,
    authScopes: { loggedIn: true },
    extensions: requires('session'),
    errors: { types: WRITE_ERRORS },
    args: {
      name: t.arg.string(),
      scopes: t.arg({ type: [ScopeEnum], required: false, description: 'Default: [READ].' }),
      expiresInDays: t.arg.int({ required: false }),
    },
    resolve: (_r, args, ctx) =>
      createApiToken(ctx.deps, ctx.actor!, { name: args.name, scopes: args.scopes ?? undefined, expiresInDays: args.expiresInDays ?? undefined }),
  }),
  revokeApiToken: t.field({
    type: 'Boolean',
    authScopes: { loggedIn: true },
    extensions: requires('session'),
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.id() },
    resolve: async (_r, args, ctx) => (await revokeApiToken(ctx.deps, ctx.actor!, String(args.id)), true),
  }),
}))
