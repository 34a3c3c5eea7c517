import type { Deps } from '../context.ts'

/** The instance's first account (the oldest user), if any: the one `registration: closed` still lets in. */
export async function firstAccountId(deps: Deps): Promise<string | undefined> {
  const first = await deps.db.user.findFirst({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } })
  return first?.id
}
