'use client'

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useApiUrl } from '../api-url-context'
import { endBrowserSession, fetchBrowserSession, sessionChannel, type Session } from './browser-session'

type AuthState = {
  /** False until the API has said whether the session cookie names a session. */
  ready: boolean
  session: Session | null
  /** After the sign-in or sign-up mutation: the API has set the cookie. */
  signIn(session: Session): void
  /** Ends the session on the API; `local` only forgets it here (the API already refused it). */
  signOut(opts?: { local?: boolean }): Promise<void>
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const apiUrl = useApiUrl()
  const [ready, setReady] = useState(false)
  const [session, setSession] = useState<Session | null>(null)
  const channel = useRef<ReturnType<typeof sessionChannel> | null>(null)

  const load = useCallback(async () => {
    try {
      setSession(await fetchBrowserSession(apiUrl))
    } catch {
      setSession(null)
    } finally {
      setReady(true)
    }
  }, [apiUrl])

  useEffect(() => {
    void load()
    // Signing in or out in one tab does the same in the others.
    channel.current = sessionChannel(() => void load())
    return () => channel.current?.close()
  }, [load])

  const signIn = useCallback((s: Session) => {
    setSession(s)
    channel.current?.announce()
  }, [])
  const signOut = useCallback(
    async (opts: { local?: boolean } = {}) => {
      if (!opts.local && session) await endBrowserSession(apiUrl, session.csrfToken).catch(() => {})
      setSession(null)
      channel.current?.announce()
    },
    [apiUrl, session],
  )

  const value = useMemo(() => ({ ready, session, signIn, signOut }), [ready, session, signIn, signOut])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>')
  return ctx
}
