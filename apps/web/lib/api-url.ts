/** Where the API listens when nothing says otherwise (`npm start` in apps/api). */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000'

/**
 * The API base URL, read on the server at request time so that one build can talk to an API on any
 * port (the e2e tests start it on a free one). NEXT_PUBLIC_KUBEORCH_API_URL is inlined at build time.
 */
export function serverApiUrl(): string {
  const env = process.env
  return (env.KUBEORCH_API_URL || process.env.NEXT_PUBLIC_KUBEORCH_API_URL || DEFAULT_API_URL).replace(/\/+$/, '')
}

export function graphqlHttpUrl(apiUrl: string): string {
  return `${apiUrl}/graphql`
}

export function graphqlWsUrl(apiUrl: string): string {
  return `${apiUrl.replace(/^http/, 'ws')}/graphql`
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The session cookie is SameSite=Lax, so the browser sends it to the API only when the API is on
 * the same site as the page (ports do not matter; 127.0.0.1 and localhost are different sites).
 * A local install reaches the API at 127.0.0.1 whichever loopback name the page was opened with,
 * so on loopback the API's host name follows the page's. Elsewhere the API URL is used as given
 * (serve the API on the web app's site, e.g. api.example.com beside app.example.com).
 */
export function sameSiteApiUrl(apiUrl: string, page: { hostname: string } | undefined = typeof window === 'undefined' ? undefined : window.location): string {
  if (!page) return apiUrl
  const url = new URL(apiUrl)
  const pageHost = page.hostname.includes(':') && !page.hostname.startsWith('[') ? `[${page.hostname}]` : page.hostname
  if (!LOOPBACK.has(url.hostname) || !LOOPBACK.has(pageHost) || url.hostname === pageHost) return apiUrl
  url.hostname = pageHost
  return url.toString().replace(/\/+$/, '')
}
