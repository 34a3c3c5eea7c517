import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from '@urql/core'
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws'
import { graphqlHttpUrl, graphqlWsUrl } from '../api-url'
import { CSRF_HEADER } from '../auth/browser-session'

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
 * same path. The browser sends the API's session cookie with both (credentials: include; the API
 * allows this origin with credentials); every request carries the session's CSRF token, which the
 * API requires of cookie-authenticated writes and WebSockets. A request the API refuses as
 * unauthenticated ends the session here (it expired or was revoked).
 */
export function createApiClient(opts: { apiUrl: string; csrfToken: string | null; onAuthError(): void }): ApiClient {
  const csrf: Record<string, string> = opts.csrfToken ? { [CSRF_HEADER]: opts.csrfToken } : {}
  let ws: WsClient | undefined
  const wsClient = () =>
    (ws ??= createWsClient({
      url: graphqlWsUrl(opts.apiUrl),
      lazy: true,
      retryAttempts: 20,
      connectionParams: () => (opts.csrfToken ? { csrfToken: opts.csrfToken } : {}),
    }))

  const client = new Client({
    url: graphqlHttpUrl(opts.apiUrl),
    fetchOptions: (): RequestInit => ({ credentials: 'include', headers: csrf }),
    // Data changes through mutations made here and through live events; lists refetch on mount.
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          if (opts.csrfToken && isAuthError(error)) opts.onAuthError()
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
