import type { Config } from '../../config.ts'
import type { Client } from './client.ts'

/** The web app's session cookie: httpOnly (no script reads it), SameSite=Lax, Secure over https. */
export const SESSION_COOKIE = 'kubeorch_session'

/** The header a cookie-authenticated write must carry (the session's CSRF token). */
export const CSRF_HEADER = 'x-kubeorch-csrf'

const secureFor = (config: Config, client: Client) => config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && client.secure)

export function sessionCookie(config: Config, client: Client, value: string, maxAgeSeconds: number): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secureFor(config, client) ? ['Secure'] : [])].join('; ')
}

export function clearedSessionCookie(config: Config, client: Client): string {
  return sessionCookie(config, client, '', 0)
}

/** The session cookie's value in a Cookie header, if there is one. */
export function readSessionCookie(cookieHeader: string | null | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined
  }
  return undefined
}
