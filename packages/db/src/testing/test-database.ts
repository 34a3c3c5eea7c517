import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createDb, type Db } from '../client.ts'

export const TEMPLATE_DATABASE = 'kubeorch_template'

export type TestDatabase = { url: string; db: Db; drop(): Promise<void> }

/**
 * A fresh, migrated database of its own for one test file, cloned from the template that the
 * global setup migrated. Needs KUBEORCH_TEST_PG_ADMIN_URL (set by the global setup).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = process.env.KUBEORCH_TEST_PG_ADMIN_URL
  if (!admin) throw new Error('KUBEORCH_TEST_PG_ADMIN_URL is not set: run the tests through the vitest global setup')
  const name = `t_${randomBytes(6).toString('hex')}`
  await adminQuery(admin, `CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`)
  const u = new URL(admin)
  u.pathname = `/${name}`
  const url = u.toString()
  const db = createDb(url)
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect()
      await adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}

async function adminQuery(admin: string, sql: string) {
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
