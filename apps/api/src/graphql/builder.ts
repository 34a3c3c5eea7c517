import SchemaBuilder from '@pothos/core'
import ErrorsPlugin from '@pothos/plugin-errors'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import { AuthenticationError, DomainError } from '../errors.ts'
import type { Actor, Client, Deps } from '../services/index.ts'

/**
 * Per request: the caller (actor), what the HTTP layer knows of the client, and Set-Cookie values
 * a resolver wants on the answer (the browser sign-in), which app.ts adds to the response.
 */
export type GraphQLContext = { deps: Deps; actor: Actor | undefined; client: Client; setCookies: string[] }

export const builder = new SchemaBuilder<{
  Context: GraphQLContext
  AuthScopes: { loggedIn: boolean }
  AuthContexts: { loggedIn: GraphQLContext & { actor: Actor } }
  Scalars: {
    JSON: { Input: unknown; Output: unknown }
    DateTime: { Input: Date; Output: Date }
  }
  DefaultFieldNullability: false
  DefaultInputFieldRequiredness: true
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    // Checked when a subscription starts, not on each event: without it the subscribe function
    // ran for anonymous callers (and failed as an internal error instead of "authentication required").
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({ loggedIn: !!ctx.actor }),
    unauthorizedError: () => new AuthenticationError(),
  },
  errors: { defaultTypes: [DomainError] },
})

builder.scalarType('JSON', { serialize: (v) => v, parseValue: (v) => v })
builder.scalarType('DateTime', {
  serialize: (v) => v.toISOString(),
  parseValue: (v) => {
    const d = new Date(String(v))
    if (Number.isNaN(d.getTime())) throw new TypeError('DateTime must be an ISO-8601 string')
    return d
  },
})

builder.queryType({})
builder.mutationType({})
builder.subscriptionType({})
