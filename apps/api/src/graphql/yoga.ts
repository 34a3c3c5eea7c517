import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit'
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth'
import { createGraphQLError, createYoga, maskError } from 'graphql-yoga'
import { expectedFailureOf, httpStatusOf } from '../errors.ts'
import { authenticate, type Actor, type Client, type Deps } from '../services/index.ts'
import type { GraphQLContext } from './builder.ts'
import { boundedParserCaches } from './document-cache.ts'
import { isGraphQLError, useRequestLimits } from './request-limits.ts'
import { useCredentialScopes } from './credential-scopes.ts'
import { schema } from './schema/index.ts'

export const GRAPHQL_PATH = '/graphql'

/** What app.ts hands yoga per request: the caller it authenticated (cookie or bearer) and the client. */
export type GraphQLServerContext = { authenticated?: { actor: Actor | undefined }; client?: Client; setCookies?: string[] }

const NO_CLIENT: Client = { address: 'unknown', secure: false }
const GRAPHIQL_DEFAULT_QUERY = `# KubeOrch's GraphQL API. Put your token in Headers below:
#   { "authorization": "Bearer <token>" }
# (from the register or login mutation, or an API token). Subscriptions stream over SSE.
query Me {
  me { id email name }
}
`

/** GraphQL over HTTP and SSE (yoga); graphql-ws is attached to the same path in app.ts. */
export function createGraphQL(deps: Deps) {
  return createYoga<GraphQLServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    // Masking stays on: unexpected errors reach clients as "Unexpected error." and are logged in full.
    // Expected failures raised outside a result union (authentication, a subscription's
    // not-found) keep their message and code.
    maskedErrors: {
      maskError(error, message, isDev) {
        // Errors from the context factory (authentication) arrive unwrapped.
        const original = expectedFailureOf((error as { originalError?: unknown }).originalError ?? error)
        if (original)
          return createGraphQLError(original.message, {
            // A server-side outage (503) is also the HTTP status, so clients and proxies can retry.
            extensions: { code: original.code, ...(httpStatusOf(original) >= 500 ? { http: { status: httpStatusOf(original) } } : {}) },
          })
        // Yoga puts the JSON parser's message, which quotes the request body (tokens and
        // passwords included), into `extensions.originalError`. Replaced on the error itself: a
        // new error would make yoga log the original, body and all, and without an
        // originalError yoga would answer 200 instead of 400.
        if (isGraphQLError(error) && isPlainObject(error.extensions.originalError) && 'message' in error.extensions.originalError) {
          ;(error.extensions as Record<string, unknown>).originalError = { name: error.extensions.originalError.name, message: 'not shown: it quotes the request' }
          return error
        }
        return maskError(error, message, isDev)
      },
    },
    // GraphiQL's scripts and styles are served by this API, inline in the page (a 9 MB bundle of
    // @graphql-yoga/render-graphiql, imported on the first visit only): yoga's default loads
    // them from a public CDN, which an air-gapped cluster cannot reach (a blank "Loading…" page).
    graphiql: {
      title: 'KubeOrch GraphQL',
      // Requests need `authorization: Bearer <token>` (sign-in, register, or an API token);
      // the header editor is kept across visits so the token is pasted once.
      shouldPersistHeaders: true,
      defaultHeaders: JSON.stringify({ authorization: 'Bearer PASTE-YOUR-TOKEN' }, null, 2),
      defaultQuery: GRAPHIQL_DEFAULT_QUERY,
      subscriptionsProtocol: 'SSE',
    },
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    // CORS is answered once for every route in app.ts.
    cors: false,
    logging: 'warn',
    // Parsed documents are remembered up to a byte budget (document-cache.ts), not by count.
    parserAndValidationCache: boundedParserCaches(),
    // Query size and shape limits (SPEC §13): a client cannot make the server do unbounded work.
    // Size, tokens and nesting are checked before parsing; depth, aliases and cost after.
    plugins: [
      useRequestLimits(),
      maxDepthPlugin({ n: 10, flattenFragments: true }),
      maxAliasesPlugin({ n: 15 }),
      costLimitPlugin({ maxCost: 5000 }),
      useCredentialScopes(),
    ],
    context: async ({ request, connectionParams, authenticated, client, setCookies }: GraphQLServerContext & { request: Request; connectionParams?: Record<string, unknown> }) => ({
      deps,
      actor: authenticated
        ? authenticated.actor
        : await authenticate(deps, request.headers.get('authorization') ?? (connectionParams?.authorization as string | undefined)),
      client: client ?? NO_CLIENT,
      setCookies: setCookies ?? [],
    }),
  })
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
