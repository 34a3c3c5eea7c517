import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Config } from '../../src/config.ts'

export type ReplicaProcess = { url: string; pid: number; child: ChildProcess; output: () => string; kill(signal?: NodeJS.Signals): Promise<void> }

const script = fileURLToPath(new URL('./replica-process.ts', import.meta.url))

/** Starts an API replica as a child process (tsx) and resolves once it listens. */
export async function startReplicaProcess(config: Partial<Config>): Promise<ReplicaProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, KUBEORCH_TEST_CONFIG: JSON.stringify({ port: 0, host: '127.0.0.1', ...config }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start: ${log}`)), 60_000)
    child.stdout!.on('data', () => {
      const m = /READY (\S+)/.exec(log)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`replica exited (${code}): ${log}`)))
  })
  return {
    url,
    pid: child.pid!,
    child,
    output: () => log,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      }),
  }
}

/** A JSON request to a replica's HTTP API (30 s at most), with the caller's token if any. */
export async function requestReplica(r: ReplicaProcess, token: string | undefined, method: string, path: string, body?: unknown) {
  const res = await fetch(r.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}
