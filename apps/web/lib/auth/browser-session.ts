import { graphqlHttpUrl } from '../api-url'
import { CURRENT_BROWSER_SESSION, SIGN_OUT } from '../graphql/auth-operations'

export type SessionUser = { id: string; email: string; name: string }
/**
 * What the browser holds of a session: who is signed in and the CSRF token its writes send. The
 * session itself is the API's httpOnly cookie, which no script here can read; nothing of it is
 * kept in localStorage, so a reload asks the API again.
 */
export type Session = { user: SessionUser; csrfToken: string; expiresAt: string }

export const CSRF_HEADER = 'x-kubeorch-csrf'

/** The session the cookie names, if any (over GET: reads need no CSRF token). */
export async function fetchBrowserSession(apiUrl: string): Promise<Session | null> {
  const res = await fetch(`${graphqlHttpUrl(apiUrl)}?query=${encodeURIComponent(CURRENT_BROWSER_SESSION)}`, {
    credentials: 'include',
    headers: { accept: 'application/json' },
  })
  if (!res.ok) throw new Error(`the API answered ${res.status}`)
  const body = (await res.json()) as { data?: { browserSession: Session | null } }
  return body.data?.browserSession ?? null
}

/** Ends the session on the API (which clears the cookie). */
export async function endBrowserSession(apiUrl: string, csrfToken: string): Promise<void> {
  await fetch(graphqlHttpUrl(apiUrl), {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrfToken },
    body: JSON.stringify({ query: SIGN_OUT }),
  })
}

/** Tabs of the app tell each other when someone signs in or out (no session data is sent). */
export function sessionChannel(onChange: () => void): { announce(): void; close(): void } {
  if (typeof BroadcastChannel === 'undefined') return { announce() {}, close() {} }
  const channel = new BroadcastChannel('kubeorch-session')
  channel.onmessage = onChange
  return { announce: () => channel.postMessage('changed'), close: () => channel.close() }
}
