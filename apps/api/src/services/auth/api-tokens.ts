import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { ApiToken } from '@kubeorch/db'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { isUuid } from '../ids.ts'
import { SCOPES, scopeFromDb, scopeToDb, type Scope } from './scopes.ts'

/** API tokens start with this prefix, so they are told apart from session tokens (and found by secret scanners). */
export const API_TOKEN_PREFIX = 'ko_'

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex')

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /** Least privilege by default: a token made without scopes can only read. */
  scopes: z
    .array(z.enum(SCOPES as [Scope, ...Scope[]]))
    .min(1, 'name at least one scope: read, write, run')
    .max(SCOPES.length)
    .default(['read'])
    .transform((s) => [...new Set(s)].sort((a, b) => SCOPES.indexOf(a) - SCOPES.indexOf(b))),
})

export type PublicApiToken = Omit<ApiToken, 'tokenHash' | 'scopes'> & { scopes: Scope[] }
const toPublic = ({ tokenHash: _h, scopes, ...rest }: ApiToken): PublicApiToken => ({ ...rest, scopes: scopes.map(scopeFromDb) })

/** Creates a token for scripts; its clear text is returned once and never stored. */
export async function createApiToken(deps: Deps, actor: Actor, input: unknown) {
  const { name, expiresInDays, scopes } = parseInput(createApiTokenInput, input)
  const token = API_TOKEN_PREFIX + randomBytes(24).toString('base64url')
  const row = await deps.db.apiToken.create({
    data: {
      userId: actor.userId,
      name,
      tokenHash: hashApiToken(token),
      prefix: token.slice(0, 8),
      scopes: scopes.map(scopeToDb),
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86400_000) : null,
    },
  })
  return { token, apiToken: toPublic(row) }
}

export async function listApiTokens(deps: Deps, actor: Actor): Promise<PublicApiToken[]> {
  const rows = await deps.db.apiToken.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: 'desc' } })
  return rows.map(toPublic)
}

export async function revokeApiToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError('api token')
  const { count } = await deps.db.apiToken.deleteMany({ where: { id, userId: actor.userId } })
  if (count === 0) throw new NotFoundError('api token')
}
