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
