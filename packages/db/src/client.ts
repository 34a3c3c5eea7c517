import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/prisma/client.ts'

export type Db = PrismaClient

/** A Prisma client over the `pg` driver adapter (Prisma 7 has no built-in driver). */
export function createDb(url: string, opts: { max?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: opts.max ?? 10 }) })
}
