import { resolve } from 'node:path'
import { migrateDatabase, startEmbeddedPostgres } from '@kubeorch/db'
import { configSchema } from './config.ts'
import { localKeys } from './local-defaults.ts'
import { startServer } from './server.ts'

// `npm start`: uses DATABASE_URL when set, else an embedded PostgreSQL under .data/postgres.
const dataDir = resolve(process.env.KUBEORCH_DATA_DIR ?? new URL('../../../.data', import.meta.url).pathname)
const env = process.env
let stopDb: (() => Promise<void>) | undefined
let databaseUrl = env.DATABASE_URL
if (!databaseUrl) {
  const port = Number(env.KUBEORCH_EMBEDDED_PG_PORT ?? 54329)
  // Stopped below, after the server: runs are failed while the database still answers.
  const db = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port, callerHandlesSignals: true })
  databaseUrl = db.url
  stopDb = db.stop
  console.log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${resolve(dataDir, 'postgres')})`)
}
const migrated = await migrateDatabase(databaseUrl)
if (migrated.applied.length) console.log(`applied migrations: ${migrated.applied.join(', ')}`)

const keys = env.KUBEORCH_JWT_SECRET && env.KUBEORCH_ENCRYPTION_KEY ? undefined : localKeys(dataDir)
const config = configSchema.parse({
  port: env.PORT ?? 4000,
  host: env.HOST ?? '127.0.0.1',
  databaseUrl,
  webOrigins: env.KUBEORCH_WEB_ORIGINS,
  sandboxKubeconfig: env.KUBEORCH_SANDBOX_KUBECONFIG ?? resolve(dataDir, 'sandbox/kubeconfig'),
  sandboxUsers: env.KUBEORCH_SANDBOX_USERS,
  jwtSecret: env.KUBEORCH_JWT_SECRET ?? keys?.jwtSecret,
  encryptionKey: env.KUBEORCH_ENCRYPTION_KEY ?? keys?.encryptionKey,
  // Several replicas on one database: KUBEORCH_EVENT_BUS=postgres (see README, Triggers and replicas).
  eventBus: env.KUBEORCH_EVENT_BUS,
  publicUrl: env.KUBEORCH_PUBLIC_URL ?? `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? 4000}`,
  // Sign-up and client addresses (README, Security).
  registration: env.KUBEORCH_REGISTRATION,
  registrationsPerHour: env.KUBEORCH_REGISTRATIONS_PER_HOUR,
  trustProxyHops: env.KUBEORCH_TRUST_PROXY,
  cookieSecure: env.KUBEORCH_COOKIE_SECURE,
})
const server = await startServer(config)
console.log(`KubeOrch API ready: GraphiQL ${server.url}/graphql · REST ${server.url}/v1/api · OpenAPI ${server.url}/v1/api-docs`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return
    stopping = true
    await server.stop()
    await stopDb?.()
    process.exit(0)
  })
}
