import { z } from 'zod'
import { Prisma } from '@kubeorch/db'
import { invalidField } from '../../errors.ts'
import type { Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { hashPassword } from './passwords.ts'
import { signSessionToken } from './session-token.ts'
import { toPublicUser, type PublicUser } from './public-user.ts'

export const registerInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  name: z.string().trim().min(1).max(100).optional(),
})

export async function registerUser(deps: Deps, input: unknown): Promise<{ token: string; user: PublicUser }> {
  const { email, password, name } = parseInput(registerInput, input)
  try {
    const user = await deps.db.user.create({
      data: { email, name: name ?? email.split('@')[0]!, passwordHash: await hashPassword(password) },
    })
    const token = await signSessionToken(user.id, deps.config.jwtSecret, deps.config.sessionTtlSeconds)
    return { token, user: toPublicUser(user) }
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      throw invalidField(['email'], 'is already registered')
    throw e
  }
}
