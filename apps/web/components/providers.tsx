'use client'

import { useEffect, useMemo, type ReactNode } from 'react'
import { Provider as UrqlProvider } from 'urql'
import { AuthProvider, useAuth } from '../lib/auth/auth-context'
import { createApiClient } from '../lib/graphql/create-client'
import { ApiUrlContext } from '../lib/api-url-context'

function ApiClientProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const { session, signOut } = useAuth()
  const token = session?.token ?? null
  // A new client per token: nothing cached for one user is shown to the next.
  const api = useMemo(() => createApiClient({ apiUrl, token, onAuthError: signOut }), [apiUrl, token, signOut])
  useEffect(() => () => api.dispose(), [api])
  return <UrqlProvider value={api.client}>{children}</UrqlProvider>
}

export function Providers({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  return (
    <ApiUrlContext.Provider value={apiUrl}>
      <AuthProvider>
        <ApiClientProvider apiUrl={apiUrl}>{children}</ApiClientProvider>
      </AuthProvider>
    </ApiUrlContext.Provider>
  )
}
