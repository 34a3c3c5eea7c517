'use client'

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { readSession, SESSION_STORAGE_KEY, writeSession, type Session } from './token-store'

type AuthState = {
  /** False until localStorage has been read (it does not exist during server rendering). */
  ready: boolean
  session: Session | null
  signIn(session: Session): void
  signOut(): void
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false)
  const [session, setSession] = useState<Session | null>(null)

  useEffect(() => {
    setSession(readSession())
    setReady(true)
    // Signing out in one tab signs out the others.
    const onStorage = (e: StorageEvent) => {
      if (e.key === SESSION_STORAGE_KEY) setSession(readSession())
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  const signIn = useCallback((s: Session) => {
    writeSession(s)
    setSession(s)
  }, [])
  const signOut = useCallback(() => {
    writeSession(null)
    setSession(null)
  }, [])

  const value = useMemo(() => ({ ready, session, signIn, signOut }), [ready, session, signIn, signOut])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>')
  return ctx
}
