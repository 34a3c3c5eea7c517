import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Detectors for "a kubeconfig made the server run a command or read a file": a marker file that
 * only an exec or auth-provider command would create, a secret file that only a path field would
 * open (every fs open/read of it is recorded while the probe is installed), and an HTTP endpoint
 * that records every request a client sends (so a token read from the secret file would show).
 * The endpoint answers 401 to everything: it stands in for no Kubernetes behaviour.
 */
export type KubeconfigProbe = {
  dir: string
  /** Created by the probe's commands: `touch <marker>`. */
  marker: string
  /** Holds `secret`; path fields of hostile kubeconfigs point here. */
  secretFile: string
  secret: string
  /** `http://127.0.0.1:<port>`, for kubeconfigs with insecure-skip-tls-verify: true. */
  server: string
  /** Shell command that creates the marker and prints an ExecCredential (so a plugin "succeeds"). */
  command: string
  commandRan(): boolean
  /** Paths under `dir` the process opened or read since the probe started. */
  filesRead(): string[]
  /** Requests the endpoint received whose headers carry the secret. */
  leaks(): { url: string; headers: IncomingHttpHeaders }[]
  requestCount(): number
  close(): Promise<void>
}

const WATCHED = ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream'] as const

export async function createKubeconfigProbe(): Promise<KubeconfigProbe> {
  const dir = fs.mkdtempSync(join(tmpdir(), 'kubeconfig-probe-'))
  const marker = join(dir, 'command-ran')
  const secretFile = join(dir, 'server-secret')
  const secret = `probe-secret-${randomBytes(12).toString('hex')}`
  fs.writeFileSync(secretFile, secret)

  const reads: string[] = []
  const note = (p: unknown) => {
    const path = typeof p === 'string' ? p : p instanceof URL ? p.pathname : Buffer.isBuffer(p) ? p.toString() : ''
    if (path.startsWith(dir)) reads.push(path)
  }
  const originals = new Map<string, unknown>()
  const patch = (target: Record<string, unknown>, name: string, key: string) => {
    const original = target[name] as (...args: unknown[]) => unknown
    originals.set(key, original)
    target[name] = function (this: unknown, ...args: unknown[]) {
      note(args[0])
      return original.apply(this, args)
    }
  }
  const fsRecord = fs as unknown as Record<string, unknown>
  const promisesRecord = fs.promises as unknown as Record<string, unknown>
  for (const name of WATCHED) patch(fsRecord, name, name)
  patch(promisesRecord, 'readFile', 'promises.readFile')
  patch(promisesRecord, 'open', 'promises.open')
  syncBuiltinESMExports()

  const requests: { url: string; headers: IncomingHttpHeaders }[] = []
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers })
    req.resume()
    res.writeHead(401, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'from-plugin' } })
  return {
    dir,
    marker,
    secretFile,
    secret,
    server: `http://127.0.0.1:${port}`,
    command: `touch '${marker}'; echo '${credential}'`,
    commandRan: () => fs.existsSync(marker),
    filesRead: () => [...reads],
    leaks: () => requests.filter((r) => JSON.stringify(r.headers).includes(secret)),
    requestCount: () => requests.length,
    async close() {
      for (const name of WATCHED) fsRecord[name] = originals.get(name)
      promisesRecord.readFile = originals.get('promises.readFile')
      promisesRecord.open = originals.get('promises.open')
      syncBuiltinESMExports()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
