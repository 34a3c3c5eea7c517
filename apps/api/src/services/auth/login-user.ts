import { z } from 'zod'
import type { User } from '@kubeorch/db'
import { AuthenticationError, RateLimitedError } from '../../errors.ts'
import type { Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import type { Client } from './client.ts'
import { dummyPasswordHash, verifyPassword } from './passwords.ts'
import { toPublicUser, type PublicUser } from './public-user.ts'
import { startBearerSession } from './sessions.ts'

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(200),
})

/**
 * The user whose email and password these are. Throttled (auth-throttle.ts) before the password is
 * looked at; an unknown email costs one argon2 verification like a known one, and both failures
 * give the same message, so neither the answer nor its timing tells which emails exist.
 */
export async function checkCredentials(deps: Deps, input: unknown, client: Client): Promise<User> {
  const { email, password } = parseInput(loginInput, input)
  const decision = await deps.authThrottle.chargeLogin(deps.db, email, client.address)
  if (!decision.ok) throw new RateLimitedError(decision.retryAfterSeconds)
  const user = await deps.db.user.findUnique({ where: { email } })
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)
  if (!user || !matches) throw new AuthenticationError('invalid email or password')
  await deps.authThrottle.loginSucceeded(deps.db, email, client.address)
  return user
}

/** Logs in for scripts: a bearer JWT of a new (revocable) session. */
export async function loginUser(deps: Deps, input: unknown, client: Client): Promise<{ token: string; user: PublicUser }> {
  const user = await checkCredentials(deps, input, client)
  return { token: await startBearerSession(deps, user.id, client), user: toPublicUser(user) }
}
