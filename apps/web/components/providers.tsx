'use client'

import '../lib/zod-without-eval'
import { useCallback, useEffect, useMemo, type ReactNode } from 'react'
import { Provider as UrqlProvider } from 'urql'
import { AuthProvider, useAuth } from '../lib/auth/auth-context'
import { createApiClient } from '../lib/graphql/create-client'
import { ApiUrlContext } from '../lib/api-url-context'
import { sameSiteApiUrl } from '../lib/api-url'

function ApiClientProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const { session, signOut } = useAuth()
  const csrfToken = session?.csrfToken ?? null
  const onAuthError = useCallback(() => void signOut({ local: true }), [signOut])
  // A new client per session: nothing cached for one user is shown to the next.
  const api = useMemo(() => createApiClient({ apiUrl, csrfToken, onAuthError }), [apiUrl, csrfToken, onAuthError])
  useEffect(() => () => api.dispose(), [api])
  return <UrqlProvider value={api.client}>{children}</UrqlProvider>
}

export function Providers({ apiUrl: configured, children }: { apiUrl: string; children: ReactNode }) {
  const apiUrl = useMemo(() => sameSiteApiUrl(configured), [configured])
  return (
    <ApiUrlContext.Provider value={apiUrl}>
      <AuthProvider>
        <ApiClientProvider apiUrl={apiUrl}>{children}</ApiClientProvider>
      </AuthProvider>
    </ApiUrlContext.Provider>
  )
}
