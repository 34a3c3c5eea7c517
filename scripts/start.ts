// `npm start`: the whole product on this machine. The API (with an embedded PostgreSQL when
// DATABASE_URL is unset) on :4000 and the web app on :3000. Ctrl-C stops both.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { API_DIST, API_ENV, API_NODE_FLAGS } from '../apps/api/scripts/production.ts'

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  DO_NOT_TRACK: '1',
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
}
const webPort = process.env.WEB_PORT ?? '3000'

// Generates the Prisma client, bundles the API and builds the web app (turbo skips what is up to date).
const build = spawnSync('npx', ['turbo', 'run', 'build'], { stdio: 'inherit', env })
if (build.status !== 0) process.exit(build.status ?? 1)
if (!existsSync('apps/web/.next/BUILD_ID')) throw new Error('web build missing')
if (!existsSync(API_DIST)) throw new Error('API build missing')

const children: ChildProcess[] = [
  // The API's production bundle, started as the Dockerfile starts it.
  spawn(process.execPath, [...API_NODE_FLAGS, API_DIST], { stdio: 'inherit', env: { ...env, ...API_ENV } }),
  spawn('npx', ['next', 'start', '-p', webPort, '-H', process.env.HOST ?? '127.0.0.1'], { stdio: 'inherit', env, cwd: 'apps/web' }),
]
console.log(`web app: http://127.0.0.1:${webPort}`)

let stopping = false
const stop = (code: number) => {
  if (stopping) return
  stopping = true
  for (const c of children) c.kill('SIGTERM')
  setTimeout(() => process.exit(code), 5000).unref()
}
for (const c of children) c.on('exit', (code) => (stopping ? undefined : stop(code ?? 1)))
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
