import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../embedded-postgres.ts'
import { migrateDatabase } from '../migrate.ts'
import { freePort } from './free-port.ts'
import { TEMPLATE_DATABASE } from './test-database.ts'

let db: EmbeddedDatabase | undefined
let dir: string | undefined

/**
 * vitest globalSetup: one real PostgreSQL for the whole test run, with a migrated template database
 * that every test file clones into a database of its own (see createTestDatabase).
 * Set KUBEORCH_TEST_PG_ADMIN_URL to use an existing server instead.
 */
export async function setup() {
  if (!process.env.KUBEORCH_TEST_PG_ADMIN_URL) {
    dir = mkdtempSync(join(tmpdir(), 'kubeorch-pg-'))
    // initdb runs as the postgres OS user when we are root: it must be able to enter the folder.
    chmodSync(dir, 0o755)
    db = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false })
    process.env.KUBEORCH_TEST_PG_ADMIN_URL = db.adminUrl
  }
  // Several vitest projects may list this setup; the template is migrated once per run.
  if (process.env.KUBEORCH_TEST_TEMPLATE_READY) return
  const admin = process.env.KUBEORCH_TEST_PG_ADMIN_URL
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`)
  } finally {
    await client.end()
  }
  await migrateDatabase(withDatabase(admin, TEMPLATE_DATABASE))
  process.env.KUBEORCH_TEST_TEMPLATE_READY = '1'
}

export async function teardown() {
  await db?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
