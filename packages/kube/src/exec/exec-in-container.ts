import { PassThrough } from 'node:stream'
import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node'
// Not re-exported by the package index in 2.0.1; the package has no exports map, so the file is reachable.
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js'
import WebSocket from 'ws'
import { credentialsOf, redact } from '../config/redact.ts'

/** Tried in this order: v5 can half-close stdin; v4 is what older API servers speak. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const

export type ExecTarget = { namespace: string; pod: string; container: string }

export type ExecOptions = ExecTarget & {
  command: string[]
  tty?: boolean
  /** Initial terminal size (tty only). */
  size?: TerminalSize
  onStdout: (data: Buffer) => void
  onStderr?: (data: Buffer) => void
  /** Ping interval on the connection to the API server (default 20 s); a missed pong ends the session. */
  keepaliveMs?: number
}

export type TerminalSize = { cols: number; rows: number }

/** How an exec ended: the Status the server sent on channel 3, or why the connection closed. */
export type ExecEnd = { status?: V1Status; closedBy: 'server' | 'client' | 'keepalive' | 'error'; error?: string }

export interface ExecSession {
  /** The subprotocol the server chose. */
  readonly protocol: string
  write(data: string | Buffer): void
  /** Tells the process its terminal size changed (tty only). */
  resize(size: TerminalSize): void
  /** Ends stdin (v5: half-close; v4: closes the connection, the only way that protocol has). */
  endInput(): void
  /** Terminates the exec: the connection to the API server is closed, which kills the process. */
  close(): void
  readonly done: Promise<ExecEnd>
}

export class ExecError extends Error {
  override readonly name = 'ExecError'
  constructor(readonly code: number | undefined, message: string) {
    super(message)
  }
}

/**
 * Runs a command in a container through client-node's `Exec` over a WebSocket to the API server
 * (kubeconfig auth and TLS from client-node's WebSocketHandler), offering v5.channel.k8s.io then
 * v4. Resolves once the connection is open; rejects with ExecError when the server refuses the
 * upgrade (unknown pod or container, forbidden).
 */
export async function execInContainer(kc: KubeConfig, opts: ExecOptions): Promise<ExecSession> {
  const secrets = credentialsOf(kc)
  let socket: WebSocket | undefined
  // Only EXEC_PROTOCOLS are offered (client-node's default list goes down to channel.k8s.io).
  const factory = (uri: string, _protocols: string[], wsOpts: WebSocket.ClientOptions) => {
    socket = new WebSocket(uri, [...EXEC_PROTOCOLS], wsOpts)
    return socket as never
  }
  // client-node closes "its" standard streams when the server closes a channel (v5): give it inert ones.
  const inert = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }
  const handler = new WebSocketHandler(kc, factory as never, inert)

  const stdin = new PassThrough()
  const stdout = Object.assign(new PassThrough(), { rows: opts.size?.rows ?? 24, columns: opts.size?.cols ?? 80 })
  const stderr = new PassThrough()
  stdout.on('data', (d: Buffer) => opts.onStdout(d))
  stderr.on('data', (d: Buffer) => (opts.onStderr ?? opts.onStdout)(d))

  let status: V1Status | undefined
  let closedBy: ExecEnd['closedBy'] = 'server'
  let conn: WebSocket
  try {
    // With a tty, client-node sends stdout's rows/columns on the resize channel and again on 'resize'.
    conn = (await new Exec(kc, handler).exec(
      opts.namespace,
      opts.pod,
      opts.container,
      opts.command,
      stdout,
      opts.tty ? null : stderr,
      stdin,
      opts.tty ?? false,
      (s) => (status = s),
    )) as unknown as WebSocket
  } catch (err) {
    socket?.terminate()
    throw refusal(err, opts, secrets)
  }

  let lastPong = Date.now()
  const keepaliveMs = opts.keepaliveMs ?? 20_000
  conn.on('pong', () => (lastPong = Date.now()))
  const pinger = setInterval(() => {
    if (Date.now() - lastPong > keepaliveMs * 2) {
      closedBy = 'keepalive'
      conn.terminate()
    } else if (conn.readyState === WebSocket.OPEN) conn.ping()
  }, keepaliveMs)
  pinger.unref()

  let errorText: string | undefined
  conn.on('error', (e) => {
    errorText = redact(e.message, secrets)
    closedBy = 'error'
  })
  const done = new Promise<ExecEnd>((resolve) => {
    conn.on('close', () => {
      clearInterval(pinger)
      stdin.destroy()
      resolve({ ...(status ? { status } : {}), closedBy, ...(errorText ? { error: errorText } : {}) })
    })
  })

  return {
    protocol: conn.protocol,
    write(data) {
      if (conn.readyState === WebSocket.OPEN) stdin.write(data)
    },
    resize(size) {
      if (!opts.tty) return
      stdout.rows = size.rows
      stdout.columns = size.cols
      stdout.emit('resize')
    },
    endInput() {
      stdin.end()
    },
    close() {
      if (closedBy === 'server') closedBy = 'client'
      if (conn.readyState === WebSocket.OPEN || conn.readyState === WebSocket.CONNECTING) conn.close()
      // A peer that does not answer the close handshake is cut off.
      setTimeout(() => conn.terminate(), 2_000).unref()
    },
    done,
  }
}

function refusal(err: unknown, target: ExecTarget, secrets: string[]): ExecError {
  const e = err as { message?: unknown; error?: { message?: unknown } }
  const text = String((typeof e.message === 'string' && e.message) || e.error?.message || err)
  const code = Number(/Unexpected server response: (\d+)/.exec(text)?.[1]) || undefined
  const where = `container "${target.container}" of pod ${target.namespace}/${target.pod}`
  let message: string
  if (code === 404) message = `cannot exec into ${where}: the pod does not exist`
  else if (code === 400) message = `cannot exec into ${where}: the server refused it (no such container, or it is not running)`
  else if (code === 403) message = `cannot exec into ${where}: forbidden for this cluster's credentials`
  else message = `cannot exec into ${where}: ${text}`
  return new ExecError(code, redact(message, secrets))
}
