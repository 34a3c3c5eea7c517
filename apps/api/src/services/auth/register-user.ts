import { z } from 'zod'
import { Prisma, type User } from '@kubeorch/db'
import { ForbiddenError, RateLimitedError, invalidField } from '../../errors.ts'
import type { Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import type { Client } from './client.ts'
import { hashPassword } from './passwords.ts'
import { toPublicUser, type PublicUser } from './public-user.ts'
import { startBearerSession } from './sessions.ts'

export const registerInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  name: z.string().trim().min(1).max(100).optional(),
})

// Taken while an account is created under `registration: closed`, so two racing sign-ups on an
// empty instance cannot both become "the first account".
const FIRST_ACCOUNT_LOCK = 0x6b6f7265 // "kore"

/**
 * Creates an account. Refused with 403 when the operator closed registration (config
 * `registration: closed`), except for the first account of an empty instance; limited per client
 * address per hour (429, counted once the input is valid, whatever the outcome, so registration
 * cannot be used to probe many emails either).
 */
export async function createAccount(deps: Deps, input: unknown, client: Client): Promise<User> {
  const { email, password, name } = parseInput(registerInput, input)
  const decision = await deps.authThrottle.chargeRegistration(deps.db, client.address)
  if (!decision.ok) throw new RateLimitedError(decision.retryAfterSeconds)
  const data = { email, name: name ?? email.split('@')[0]!, passwordHash: await hashPassword(password) }
  try {
    const user =
      deps.config.registration === 'open'
        ? await deps.db.user.create({ data })
        : await deps.db.$transaction(async (tx) => {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`
            if ((await tx.user.count()) > 0) throw new ForbiddenError('registration is closed on this KubeOrch; ask its operator for an account')
            return tx.user.create({ data })
          })
    await deps.authThrottle.remember(deps.db, email, client.address)
    return user
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      throw invalidField(['email'], 'is already registered')
    throw e
  }
}

/** Registers for scripts: the account and a bearer JWT of its first session. */
export async function registerUser(deps: Deps, input: unknown, client: Client): Promise<{ token: string; user: PublicUser }> {
  const user = await createAccount(deps, input, client)
  return { token: await startBearerSession(deps, user.id, client), user: toPublicUser(user) }
}
