import { Writable, type Readable } from 'node:stream'
import { type KubeConfig, Log } from '@kubernetes/client-node'
import { credentialsOf, redact } from '../config/redact.ts'

export type PodLogTarget = { namespace: string; pod: string; container: string }

export type PodLogOptions = {
  /** Keep the request open and receive lines as they are written. */
  follow?: boolean
  /** Only the last N lines (absent: all). */
  tailLines?: number
  /** Only lines newer than this many seconds. */
  sinceSeconds?: number
  /** The log of the previous (terminated) instance of the container. */
  previous?: boolean
  /** Prefix each line with the RFC3339Nano time the runtime recorded. */
  timestamps?: boolean
  /** The server ends the stream after this many bytes. */
  limitBytes?: number
}

/** An open log request. */
export interface PodLogStream {
  /** Resolves when the server ended the stream, or after stop(); rejects only on a transport error. */
  readonly done: Promise<void>
  /** Ends the request; resolves once its connection is closed. Idempotent. */
  stop(): Promise<void>
}

/** Why a log request was refused, with the API server's answer when there is one. */
export class PodLogError extends Error {
  override readonly name = 'PodLogError'
  constructor(readonly code: number | undefined, message: string) {
    super(message)
  }
}

export interface LogStreamer {
  /**
   * Opens the log of one container; `onLine` gets each complete line without its newline (a
   * last line without newline is delivered when the stream ends). Rejects with PodLogError when
   * the server refuses (unknown pod or container, no previous instance…).
   */
  stream(target: PodLogTarget, opts: PodLogOptions, onLine: (line: string) => void): Promise<PodLogStream>
  /** The lines of a finished read (follow off): e.g. the last 10 lines of a crashed container. */
  read(target: PodLogTarget, opts?: Omit<PodLogOptions, 'follow'>): Promise<string[]>
}

/**
 * Pod logs through client-node's `Log` (its kubeconfig auth, TLS and HTTP stack).
 *
 * client-node 2.0.1's Log.log pipes the response body into our stream without an error handler
 * on the body, so aborting it (the only way to end a followed log) would raise an uncaught
 * AbortError. The 'pipe' event hands us that body first, and we handle its errors there.
 */
export function createLogStreamer(kc: KubeConfig): LogStreamer {
  const log = new Log(kc)
  const secrets = credentialsOf(kc)

  async function stream(target: PodLogTarget, opts: PodLogOptions, onLine: (line: string) => void): Promise<PodLogStream> {
    let partial = ''
    let source: Readable | undefined
    let stopping = false
    let settle!: { resolve: () => void; reject: (e: Error) => void }
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
    done.catch(() => {}) // a caller that only calls stop() must not see an unhandled rejection
    const flush = () => {
      if (partial) onLine(partial)
      partial = ''
    }
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const lines = (partial + chunk.toString('utf8')).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) onLine(line.endsWith('\r') ? line.slice(0, -1) : line)
        callback()
      },
      final(callback) {
        flush()
        settle.resolve()
        callback()
      },
    })
    sink.on('pipe', (src: Readable) => {
      source = src
      src.on('error', (err) => {
        sink.destroy()
        if (stopping || err.name === 'AbortError') settle.resolve()
        else settle.reject(new PodLogError(undefined, redact(`log stream of ${describe(target)} failed: ${err.message}`, secrets)))
      })
      src.on('close', () => {
        if (stopping) settle.resolve()
      })
    })
    let controller: AbortController
    try {
      controller = await log.log(target.namespace, target.pod, target.container, sink, {
        follow: opts.follow ?? false,
        tailLines: opts.tailLines,
        sinceSeconds: opts.sinceSeconds,
        previous: opts.previous ?? false,
        timestamps: opts.timestamps ?? false,
        limitBytes: opts.limitBytes,
      })
    } catch (err) {
      sink.destroy()
      throw refusal(err, target, opts, secrets)
    }
    return {
      done,
      async stop() {
        if (!stopping) {
          stopping = true
          controller.abort()
          source?.destroy()
          if (!source) settle.resolve()
        }
        await done.catch(() => {})
      },
    }
  }

  return {
    stream,
    async read(target, opts = {}) {
      const lines: string[] = []
      const s = await stream(target, { ...opts, follow: false }, (line) => lines.push(line))
      await s.done
      return lines
    },
  }
}

function describe(t: PodLogTarget): string {
  return `${t.namespace}/${t.pod}/${t.container}`
}

/** client-node keeps only the status code of a refused log request (and the message for a 500). */
function refusal(err: unknown, target: PodLogTarget, opts: PodLogOptions, secrets: string[]): PodLogError {
  const e = err as { code?: unknown; message?: unknown; body?: { message?: unknown } }
  const code = typeof e.code === 'number' ? e.code : undefined
  const serverMessage = typeof e.body?.message === 'string' ? e.body.message : undefined
  const what = `the log of container "${target.container}" in pod ${target.namespace}/${target.pod}`
  let message: string
  if (code === 404) message = `${what}: the pod does not exist`
  else if (code === 400)
    message = opts.previous
      ? `${what}: the server refused it (the container has no previous instance, or does not exist)`
      : `${what}: the server refused it (the container does not exist or has not started)`
  else if (code === 403) message = `${what}: forbidden for this cluster's credentials`
  else message = `${what}: ${serverMessage ?? (typeof e.message === 'string' ? e.message : 'request failed')}`
  return new PodLogError(code, redact(message, secrets))
}
