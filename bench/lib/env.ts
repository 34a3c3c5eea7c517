import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startEmbeddedPostgres } from '@kubeorch/db'
import { freePort } from '@kubeorch/db/testing'
import { startControlPlane, type ControlPlane } from '@kubeorch/testenv'
import { buildApi } from '../../apps/api/scripts/build.ts'
import { API_ENV, API_NODE_FLAGS } from '../../apps/api/scripts/production.ts'
import { sleep } from './stats.ts'

export const ROOT = resolve(import.meta.dirname, '../..')

/** Things to undo, newest first; run on success, failure and signals. */
const cleanups: (() => Promise<void> | void)[] = []
export function onCleanup(fn: () => Promise<void> | void) {
  cleanups.push(fn)
}
export async function cleanupAll() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!()
    } catch (e) {
      console.error(`cleanup: ${(e as Error).message}`)
    }
  }
}

export type BenchEnv = {
  workDir: string
  databaseUrl: string
  controlPlane: ControlPlane
  keys: { jwtSecret: string; encryptionKey: string }
}

/** One embedded PostgreSQL and one real control plane (kube-apiserver, etcd, controllers, kwok) on loopback. */
export async function startEnv(log: (s: string) => void): Promise<BenchEnv> {
  const workDir = mkdtempSync(join(tmpdir(), 'kubeorch-bench-'))
  chmodSync(workDir, 0o755) // initdb runs as the postgres OS user when we are root
  onCleanup(() => rmSync(workDir, { recursive: true, force: true }))
  log('starting embedded PostgreSQL')
  // run.ts stops everything on SIGINT/SIGTERM through the cleanup list.
  const pg = await startEmbeddedPostgres({ dataDir: join(workDir, 'pg'), port: await freePort(), persistent: false, callerHandlesSignals: true })
  onCleanup(() => pg.stop())
  log('starting the control plane')
  const controlPlane = await startControlPlane({ log })
  onCleanup(() => controlPlane.stop())
  return {
    workDir,
    databaseUrl: pg.url,
    controlPlane,
    keys: { jwtSecret: randomBytes(32).toString('hex'), encryptionKey: randomBytes(32).toString('base64') },
  }
}

let apiBuild: Promise<string> | undefined

export type ApiProcess = { url: string; pid: number; child: ChildProcess; stop(): Promise<void> }

/**
 * The real API as a child process on a free loopback port, so its RSS is its own: the production
 * build (apps/api/dist/main.js, built once per bench run) on this process's Node (22 under npm
 * scripts), with the flags and environment the Dockerfile gives it.
 */
export async function startApi(env: BenchEnv, log: (s: string) => void, opts: { webOrigin?: string } = {}): Promise<ApiProcess> {
  const port = await freePort()
  const entry = await (apiBuild ??= buildApi())
  const child = spawn(process.execPath, [...cpuProf(), ...API_NODE_FLAGS, entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...API_ENV,
      DATABASE_URL: env.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      KUBEORCH_JWT_SECRET: env.keys.jwtSecret,
      KUBEORCH_ENCRYPTION_KEY: env.keys.encryptionKey,
      KUBEORCH_DATA_DIR: join(env.workDir, 'api-data'),
      KUBEORCH_SANDBOX_KUBECONFIG: join(env.workDir, 'no-sandbox'),
      ...(opts.webOrigin ? { KUBEORCH_WEB_ORIGINS: opts.webOrigin } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(t)
  }
  onCleanup(stop)
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${output}`)
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false)
    if (ok) break
    if (Date.now() > deadline) throw new Error(`API not ready after 60s:\n${output}`)
    await sleep(200)
  }
  log(`API pid ${child.pid} on ${url}`)
  return { url, pid: child.pid!, child, stop }
}

/** BENCH_CPU_PROF=<dir>: the API writes a V8 CPU profile there when it stops (for profiling a benchmark). */
const cpuProf = () => (process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`] : [])

/** Resident set size of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}
/** Peak resident set size since the process started, in MB. */
export function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}
