import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { createObjectReader, openShell, type ShellSession } from '@kubeorch/kube'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { AuthenticationError, DomainError, httpStatusOf } from '../errors.ts'
import { authenticate, meets, openNodeTerminal, redeemTerminalTicket, type Actor, type Deps, type TerminalTarget } from '../services/index.ts'

/** Input kept while the exec opens (typing ahead, a pasted command): generous for a person, bounded. */
const EARLY_INPUT_LIMIT = 64 * 1024

const rawLength = (data: RawData): number =>
  Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length

export const TERMINAL_PATH = /^\/v1\/api\/workflows\/([^/]+)\/nodes\/([^/]+)\/terminal\/?$/

const KEEPALIVE_MS = 20_000

let openSessions = 0
/** Exec connections to clusters open right now in this process (tests assert that closing ends them). */
export const openTerminalSessions = () => openSessions

/**
 * The terminal WebSocket (SPEC §10): `/v1/api/workflows/:id/nodes/:nodeId/terminal?pod=&container=`.
 * Authenticated by `Authorization: Bearer …` (scripts; an API token needs the run scope) or, for
 * browsers (which cannot set headers on a WebSocket), `?ticket=`: a single-use ticket for this
 * workflow and node from createTerminalTicket, valid 30 s. No session token is ever taken from the
 * URL (`access_token` is refused), where proxies and servers would log it. Messages are JSON text:
 *   client → server  { type: 'stdin', data } | { type: 'resize', cols, rows }
 *   server → client  { type: 'ready', pod, container, shell, protocol } | { type: 'stdout', data }
 *                    | { type: 'exit', status?, message } | { type: 'error', message, code }
 * Errors close with 4000 + the HTTP status of the error (4401, 4404, 4400, 4409), a clear reason
 * and the full message in a preceding `error` message (close reasons are cut at 123 bytes).
 * Closing the browser side terminates the exec; both hops are pinged.
 */
export function createTerminalServer(deps: Deps) {
  // A message is at most one HTTP body (ws's default is 100 MiB).
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.maxBodyBytes })

  wss.on('connection', (ws: WebSocket, request: IncomingMessage, params: { workflowId: string; nodeId: string }) => {
    void serve(deps, ws, request, params)
  })

  return {
    /** Takes the upgrade if the path is a terminal's; false otherwise. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const match = TERMINAL_PATH.exec(new URL(request.url ?? '/', 'http://localhost').pathname)
      if (!match) return false
      const params = { workflowId: decodeURIComponent(match[1]!), nodeId: decodeURIComponent(match[2]!) }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request, params))
      return true
    },
    async close() {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

async function serve(deps: Deps, ws: WebSocket, request: IncomingMessage, params: { workflowId: string; nodeId: string }) {
  const send = (message: Record<string, unknown>) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  const fail = (code: number, message: string) => {
    send({ type: 'error', message, code })
    ws.close(code, cut(message))
  }
  // Input that arrives while the exec is being opened is kept and replayed, up to a bound: a
  // client that streams before the shell is ready cannot make the server hold unbounded input.
  const early: RawData[] = []
  let earlyBytes = 0
  let session: ShellSession | undefined
  let browserGone = false
  ws.on('message', (data) => {
    if (session) return forward(session, data, fail)
    earlyBytes += rawLength(data)
    if (earlyBytes > EARLY_INPUT_LIMIT) return fail(1009, `more than ${EARLY_INPUT_LIMIT} bytes of input before the shell was ready`)
    early.push(data)
  })
  ws.on('close', () => {
    browserGone = true
    session?.close()
  })
  keepalive(ws)

  const url = new URL(request.url ?? '/', 'http://localhost')
  let target: TerminalTarget
  try {
    const actor = await terminalCaller(deps, request, url, params)
    target = await openNodeTerminal(deps, actor, params.workflowId, params.nodeId, {
      pod: url.searchParams.get('pod') || undefined,
      container: url.searchParams.get('container') || undefined,
    })
    const size = { cols: Number(url.searchParams.get('cols')) || 80, rows: Number(url.searchParams.get('rows')) || 24 }
    if (browserGone) return
    session = await openShell(target.kc, {
      namespace: target.namespace,
      pod: target.pod,
      container: target.container,
      tty: true,
      size,
      onStdout: (d) => send({ type: 'stdout', data: d.toString('utf8') }),
    })
  } catch (err) {
    if (err instanceof DomainError) return fail(4000 + httpStatusOf(err), err.message)
    const message = err instanceof Error && err.name === 'ExecError' ? err.message : 'could not open the terminal'
    if (!(err instanceof Error && err.name === 'ExecError')) console.warn('terminal:', err)
    return fail(4502, message)
  }
  openSessions++
  void session.done.then(() => openSessions--)
  if (browserGone) return session.close()
  send({ type: 'ready', pod: target.pod, container: target.container, shell: session.shell, protocol: session.protocol })
  for (const data of early.splice(0)) forward(session, data, fail)

  const end = await session.done
  if (browserGone) return
  if (end.status?.status === 'Success') {
    send({ type: 'exit', status: 'Success', message: 'the shell exited' })
    return ws.close(1000, 'the shell exited')
  }
  const pod = await createObjectReader(target.kc).read({ apiVersion: 'v1', kind: 'Pod' }, target.pod, target.namespace).catch(() => 'unknown' as const)
  if (pod === undefined) return fail(4410, `pod ${target.pod} is gone`)
  const why = end.status?.message ?? end.error ?? (end.closedBy === 'keepalive' ? 'the cluster stopped answering' : 'the cluster closed the connection')
  send({ type: 'exit', status: end.status?.status ?? 'Failure', message: why })
  ws.close(1011, cut(why))
}

/** The user a terminal opens for: a bearer header, or a ticket minted for exactly this node. */
async function terminalCaller(deps: Deps, request: IncomingMessage, url: URL, params: { workflowId: string; nodeId: string }): Promise<Actor> {
  if (url.searchParams.has('access_token'))
    throw new AuthenticationError('tokens are not accepted in the URL: get a ticket (createTerminalTicket or POST …/terminal/ticket) and pass ?ticket=')
  const ticket = url.searchParams.get('ticket')
  const actor = ticket
    ? await redeemTerminalTicket(deps, ticket, params.workflowId, params.nodeId)
    : await authenticate(deps, request.headers.authorization)
  if (!actor) throw new AuthenticationError(ticket ? 'the terminal ticket is unknown, used, expired or for another node' : undefined)
  meets(actor, 'run')
  return actor
}

function forward(session: ShellSession, data: RawData, fail: (code: number, message: string) => void) {
  let message: { type?: unknown; data?: unknown; cols?: unknown; rows?: unknown }
  try {
    message = JSON.parse(data.toString())
  } catch {
    return fail(4400, 'messages must be JSON: {"type":"stdin","data":"…"} or {"type":"resize","cols":80,"rows":24}')
  }
  if (message.type === 'stdin' && typeof message.data === 'string') return session.write(message.data)
  if (message.type === 'resize' && isSize(message.cols) && isSize(message.rows)) return session.resize({ cols: message.cols, rows: message.rows })
  fail(4400, `unknown message: type must be "stdin" (with data) or "resize" (with cols and rows 1–1000)`)
}

const isSize = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0 && (n as number) <= 1000

/** Pings the browser; one that does not answer for two intervals is cut off (closing the exec). */
function keepalive(ws: WebSocket) {
  let alive = true
  ws.on('pong', () => (alive = true))
  const timer = setInterval(() => {
    if (!alive) return ws.terminate()
    alive = false
    ws.ping()
  }, KEEPALIVE_MS)
  timer.unref()
  ws.on('close', () => clearInterval(timer))
}

/** Close reasons are limited to 123 bytes. */
function cut(text: string): string {
  const bytes = Buffer.from(text)
  return bytes.length <= 123 ? text : `${bytes.subarray(0, 119).toString('utf8').replace(/\uFFFD+$/, '')}…`
}
