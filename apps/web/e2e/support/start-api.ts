// Starts the real API for the e2e tests: a fresh embedded PostgreSQL in a temp dir, migrations
// applied, random keys, on the port Playwright chose (PORT), and a real control plane from
// @kubeorch/testenv whose kubeconfig is written to E2E_KUBECONFIG: the API offers it to every
// test account (all @example.test) as the `sandbox` cluster, and tests can register it through
// the UI from that file.
// Stops everything on SIGTERM/SIGINT.
import { randomBytes } from 'node:crypto'
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrateDatabase, startEmbeddedPostgres } from '@kubeorch/db'
import { configSchema, startServer } from '@kubeorch/api'
import { ensureBinaries, startControlPlane } from '@kubeorch/testenv'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

const dataDir = mkdtempSync(join(tmpdir(), 'kubeorch-e2e-'))
// As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data dir.
chmodSync(dataDir, 0o755)
// This script stops PostgreSQL itself, after the API and before the control plane (see stop()).
const db = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: await freePort(), persistent: false, callerHandlesSignals: true })
await migrateDatabase(db.url)
const log = (line: string) => console.log(line)
const cp = await startControlPlane({ binDir: await ensureBinaries(log), log })
const kubeconfigPath = process.env.E2E_KUBECONFIG ?? join(dataDir, 'kubeconfig')
copyFileSync(cp.kubeconfigPath, kubeconfigPath)
// Beside it, what tests need to drive the fake nodes: the file kwok serves as every container's log.
writeFileSync(`${kubeconfigPath}.json`, JSON.stringify({ podLogFile: cp.podLogFile }))
const config = configSchema.parse({
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  databaseUrl: db.url,
  jwtSecret: randomBytes(32).toString('hex'),
  encryptionKey: randomBytes(32).toString('base64'),
  webOrigins: process.env.KUBEORCH_WEB_ORIGINS,
  sandboxKubeconfig: kubeconfigPath,
  // Every account the tests make may use it (otherwise only the first would).
  sandboxUsers: ['@example.test'],
  // A run stuck waiting for health fails within a test's time, not after the default 5 minutes.
  runHealthTimeoutMs: 60_000,
  // Every test registers its users from 127.0.0.1: the per-address hourly limit would stop them.
  registrationsPerHour: 10_000,
})
const server = await startServer(config)
console.log(`e2e API ready at ${server.url}`)

let stopping = false
/** Each step is bounded: Playwright SIGKILLs the process after its gracefulShutdown timeout. */
const bounded = (p: Promise<unknown>, ms = 5_000) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())])
function removeFiles() {
  rmSync(kubeconfigPath, { force: true })
  rmSync(`${kubeconfigPath}.json`, { force: true })
  rmSync(dataDir, { recursive: true, force: true })
}
async function stop() {
  if (stopping) return
  stopping = true
  await bounded(server.stop())
  await bounded(db.stop())
  await bounded(cp.stop())
  removeFiles()
  process.exit(0)
}
// Whatever ends the process, the temp dir goes with it.
process.on('exit', removeFiles)
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
