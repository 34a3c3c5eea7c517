import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit'
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth'
import { createGraphQLError, createYoga, maskError } from 'graphql-yoga'
import { expectedFailureOf, httpStatusOf } from '../errors.ts'
import { authenticate, type Deps } from '../services/index.ts'
import type { GraphQLContext } from './builder.ts'
import { schema } from './schema/index.ts'

export const GRAPHQL_PATH = '/graphql'

const GRAPHIQL_DEFAULT_QUERY = `# KubeOrch's GraphQL API. Put your token in Headers below:
#   { "authorization": "Bearer <token>" }
# (from the register or login mutation, or an API token). Subscriptions stream over SSE.
query Me {
  me { id email name }
}
`

/** GraphQL over HTTP and SSE (yoga); graphql-ws is attached to the same path in app.ts. */
export function createGraphQL(deps: Deps) {
  return createYoga<Record<string, unknown>, GraphQLContext>({
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
    // Query shape limits (SPEC §13): a client cannot make the server do unbounded work.
    plugins: [
      maxDepthPlugin({ n: 10, flattenFragments: true }),
      maxAliasesPlugin({ n: 15 }),
      costLimitPlugin({ maxCost: 5000 }),
    ],
    context: async ({ request, connectionParams }: { request: Request; connectionParams?: Record<string, unknown> }) => ({
      deps,
      actor: await authenticate(
        deps,
        request.headers.get('authorization') ?? (connectionParams?.authorization as string | undefined),
      ),
    }),
  })
}
