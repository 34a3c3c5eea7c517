import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Config } from '../../src/config.ts'

export type ReplicaProcess = {
  url: string
  pid: number
  child: ChildProcess
  output: () => string
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Resident memory after full GCs (only with `measureMemory`). */
  rss(): Promise<number>
}

const script = fileURLToPath(new URL('./replica-process.ts', import.meta.url))

/**
 * Starts an API replica as a child process (tsx) and resolves once it listens. With
 * `measureMemory` it runs with --expose-gc and MALLOC_ARENA_MAX=2 (as in production) and answers rss().
 */
export async function startReplicaProcess(config: Partial<Config>, opts: { measureMemory?: boolean } = {}): Promise<ReplicaProcess> {
  const child = spawn(process.execPath, [...(opts.measureMemory ? ['--expose-gc'] : []), '--import', 'tsx', script], {
    env: {
      ...process.env,
      ...(opts.measureMemory ? { MALLOC_ARENA_MAX: '2' } : {}),
      KUBEORCH_TEST_CONFIG: JSON.stringify({ port: 0, host: '127.0.0.1', ...config }),
    },
    stdio: [opts.measureMemory ? 'pipe' : 'ignore', 'pipe', 'pipe'],
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
    rss: () =>
      new Promise<number>((resolve, reject) => {
        if (!child.stdin) return reject(new Error('started without measureMemory'))
        const seen = log.length
        const timer = setTimeout(() => reject(new Error(`no RSS answer: ${log.slice(seen)}`)), 30_000)
        const onData = () => {
          const m = /RSS (\d+)/.exec(log.slice(seen))
          if (!m) return
          clearTimeout(timer)
          child.stdout!.off('data', onData)
          resolve(Number(m[1]))
        }
        child.stdout!.on('data', onData)
        child.stdin.write('rss\n')
      }),
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
