import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { freePort } from '@kubeorch/db/testing'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApi } from '../scripts/build.ts'
import { API_ENV, API_NODE_FLAGS } from '../scripts/production.ts'

const admin = process.env.KUBEORCH_TEST_PG_ADMIN_URL!
const name = `dist_${randomBytes(6).toString('hex')}`
const adminQuery = async (sql: string) => {
  const c = new pg.Client({ connectionString: admin })
  await c.connect()
  try {
    return await c.query(sql)
  } finally {
    await c.end()
  }
}
afterAll(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))

describe('the production build (node dist/main.js)', () => {
  it('migrates an empty database, serves REST and stops on SIGTERM', async () => {
    const entry = await buildApi()
    await adminQuery(`CREATE DATABASE "${name}"`)
    const url = new URL(admin)
    url.pathname = `/${name}`
    const port = await freePort()
    const child = spawn(process.execPath, [...API_NODE_FLAGS, entry], {
      env: {
        ...process.env,
        ...API_ENV,
        DATABASE_URL: url.toString(),
        PORT: String(port),
        HOST: '127.0.0.1',
        KUBEORCH_JWT_SECRET: randomBytes(32).toString('hex'),
        KUBEORCH_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        KUBEORCH_SANDBOX_KUBECONFIG: '/nonexistent/kubeconfig',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    try {
      const base = `http://127.0.0.1:${port}`
      const deadline = Date.now() + 30_000
      while (!(await fetch(`${base}/healthz`).then((r) => r.ok, () => false))) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`API did not start:\n${output}`)
        await new Promise((r) => setTimeout(r, 200))
      }
      const migrations = readdirSync(fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url)), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
      expect(migrations.length).toBeGreaterThan(0)
      expect(output).toContain(`applied migrations: ${migrations.sort().join(', ')}`)
      const res = await fetch(`${base}/v1/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'dist@example.test', password: 'correct horse battery' }),
      })
      expect(res.status).toBe(201)
      const rows = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)
      expect(rows.rowCount).toBe(1)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  }, 90_000)
})
