import type { User } from '@kubeorch/db'
import { ForbiddenError } from '../../errors.ts'
import type { Deps } from '../context.ts'
import { isWebOrigin } from './authenticate.ts'
import type { Client } from './client.ts'
import { checkCredentials } from './login-user.ts'
import { toPublicUser, type PublicUser } from './public-user.ts'
import { createAccount } from './register-user.ts'
import { clearedSessionCookie, sessionCookie } from './session-cookie.ts'
import { startBrowserSession } from './sessions.ts'

/** A browser session as the web app sees it: the user and the CSRF token its writes send. */
export type BrowserSession = { user: PublicUser; csrfToken: string; expiresAt: Date }
export type SignedIn = BrowserSession & { setCookie: string }

/**
 * Only the web app's pages may start a browser session: another site's page posting a sign-in
 * (login CSRF, which would put the victim in the attacker's account) is refused.
 */
function requireWebOrigin(deps: Deps, client: Client) {
  if (client.origin && !isWebOrigin(deps, client.origin)) throw new ForbiddenError(`sign-in from ${client.origin} is not allowed`)
}

async function open(deps: Deps, user: User, client: Client): Promise<SignedIn> {
  const { cookieValue, session, csrfToken } = await startBrowserSession(deps, user.id, client)
  return { user: toPublicUser(user), csrfToken, expiresAt: session.expiresAt, setCookie: sessionCookie(deps.config, client, cookieValue, deps.config.sessionTtlSeconds) }
}

/** Signs a browser in: the session lives in an httpOnly cookie, never in what scripts can read. */
export async function signInBrowser(deps: Deps, input: unknown, client: Client): Promise<SignedIn> {
  requireWebOrigin(deps, client)
  return open(deps, await checkCredentials(deps, input, client), client)
}

export async function signUpBrowser(deps: Deps, input: unknown, client: Client): Promise<SignedIn> {
  requireWebOrigin(deps, client)
  return open(deps, await createAccount(deps, input, client), client)
}

export const signOutCookie = (deps: Deps, client: Client) => clearedSessionCookie(deps.config, client)
