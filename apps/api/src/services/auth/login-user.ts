import { z } from 'zod'
import { AuthenticationError } from '../../errors.ts'
import type { Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { verifyPassword } from './passwords.ts'
import { signSessionToken } from './session-token.ts'
import { toPublicUser, type PublicUser } from './public-user.ts'

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1),
  password: z.string().min(1),
})

export async function loginUser(deps: Deps, input: unknown): Promise<{ token: string; user: PublicUser }> {
  const { email, password } = parseInput(loginInput, input)
  deps.loginThrottle.check(email)
  const user = await deps.db.user.findUnique({ where: { email } })
  // One message for both cases, so the answer does not tell which emails are registered.
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    deps.loginThrottle.fail(email)
    throw new AuthenticationError('invalid email or password')
  }
  deps.loginThrottle.succeed(email)
  const token = await signSessionToken(user.id, deps.config.jwtSecret, deps.config.sessionTtlSeconds)
  return { token, user: toPublicUser(user) }
}
