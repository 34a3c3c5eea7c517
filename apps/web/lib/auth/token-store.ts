const KEY = 'kubeorch.session'

export type SessionUser = { id: string; email: string; name: string }
export type Session = { token: string; user: SessionUser }

/** The session lives in localStorage so that a reload (and other tabs) stay signed in. */
export function readSession(): Session | null {
  try {
    const raw = window.localStorage.getItem(KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<Session>
    return typeof parsed.token === 'string' && parsed.user ? (parsed as Session) : null
  } catch {
    return null
  }
}

export function writeSession(session: Session | null): void {
  if (session) window.localStorage.setItem(KEY, JSON.stringify(session))
  else window.localStorage.removeItem(KEY)
}

export const SESSION_STORAGE_KEY = KEY
