import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'

/** The repository's migrations folder (Prisma's layout: <timestamp>_<name>/migration.sql). */
export const MIGRATIONS_DIR = new URL('../../../prisma/migrations/', import.meta.url).pathname

// Same advisory lock id as Prisma's schema engine, so a real `prisma migrate deploy` and this
// runner never apply migrations at the same time.
const PRISMA_MIGRATE_LOCK = 72707369

export type MigrationResult = { applied: string[]; skipped: string[] }

/**
 * Applies pending migrations in order and records them in Prisma's own `_prisma_migrations`
 * table, so a database migrated here is seen as up to date by a real Prisma engine.
 * Stands in for `prisma migrate deploy`, whose native engine cannot be downloaded here.
 */
export async function migrateDatabase(url: string, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const result: MigrationResult = { applied: [], skipped: [] }
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`)
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK])
    try {
      const done = new Map<string, string>(
        (
          await client.query(
            'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
        ).rows.map((r) => [r.migration_name, r.checksum]),
      )
      const names = readdirSync(dir)
        .filter((d) => existsSync(join(dir, d, 'migration.sql')))
        .sort()
      for (const name of names) {
        const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
        const checksum = createHash('sha256').update(sql).digest('hex')
        if (done.has(name)) {
          if (done.get(name) !== checksum) throw new Error(`migration ${name} was modified after it was applied`)
          result.skipped.push(name)
          continue
        }
        const id = randomUUID()
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)', [
          id,
          checksum,
          name,
        ])
        try {
          await client.query('BEGIN')
          await client.query(sql)
          await client.query('COMMIT')
        } catch (e) {
          await client.query('ROLLBACK')
          await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, String(e)])
          throw new Error(`migration ${name} failed: ${(e as Error).message}`)
        }
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        )
        result.applied.push(name)
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK])
    }
  } finally {
    await client.end()
  }
  return result
}
