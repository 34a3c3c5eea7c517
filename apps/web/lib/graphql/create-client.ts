import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from '@urql/core'
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws'
import { graphqlHttpUrl, graphqlWsUrl } from '../api-url'

export type ApiClient = { client: Client; dispose(): void }

/** True for the error the API raises when a request carries no valid session. */
export function isAuthError(error: CombinedError): boolean {
  if (error.response && (error.response as Response).status === 401) return true
  return error.graphQLErrors.some(
    (e) => e.extensions?.code === 'UNAUTHENTICATED' || /authentication required|not authorized/i.test(e.message),
  )
}

/**
 * One urql client per session: queries and mutations over HTTP, subscriptions over graphql-ws on the
 * same path. A request the API refuses as unauthenticated ends the session (the token expired).
 */
export function createApiClient(opts: { apiUrl: string; token: string | null; onAuthError(): void }): ApiClient {
  const authorization = opts.token ? `Bearer ${opts.token}` : undefined
  let ws: WsClient | undefined
  const wsClient = () =>
    (ws ??= createWsClient({
      url: graphqlWsUrl(opts.apiUrl),
      lazy: true,
      retryAttempts: 20,
      connectionParams: () => (authorization ? { authorization } : {}),
    }))

  const client = new Client({
    url: graphqlHttpUrl(opts.apiUrl),
    fetchOptions: (): RequestInit => ({ headers: authorization ? { authorization } : {} }),
    // Data changes through mutations made here and through live events; lists refetch on mount.
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          if (authorization && isAuthError(error)) opts.onAuthError()
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: wsClient().subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  })
  return { client, dispose: () => void ws?.dispose() }
}
