import { createLogStreamer, type KubeConfig, type PodLogStream, type PodLogTarget } from '@kubeorch/kube'

/** One line of one container; `at` is the runtime's RFC3339Nano timestamp. */
export type TimedLine = { at: string; text: string }

export type LogViewer = {
  /** Lines already buffered that match the viewer's tail/since, delivered first. */
  onLine: (line: TimedLine) => void
  /** The upstream ended (container stopped, pod gone) or failed. */
  onEnd: (error?: Error) => void
}

export type ViewOptions = { tailLines?: number; sinceSeconds?: number; /** only lines after this timestamp (a re-attach) */ after?: string }

// Lines kept per container for viewers that join later; a follow backlog is at most this long.
export const BACKLOG_LINES = 1000

type Upstream = {
  key: string
  viewers: Set<LogViewer>
  backlog: TimedLine[]
  stream: Promise<PodLogStream>
  ended: boolean
}

const upstreams = new Map<string, Upstream>()

/** Followed log requests open right now in this process (tests assert that none is left). */
export const openLogUpstreams = () => upstreams.size

/**
 * One followed log request per cluster/pod/container in this process, shared by every viewer and
 * closed when the last one leaves. Lines are requested with timestamps, so each viewer's `since`
 * and `tail` are answered from the shared backlog, and timestamps are shown only to viewers that
 * asked for them.
 */
export function viewContainerLog(kc: KubeConfig, clusterKey: string, target: PodLogTarget, opts: ViewOptions, viewer: LogViewer): () => Promise<void> {
  const key = [clusterKey, target.namespace, target.pod, target.container].join('/')
  let upstream = upstreams.get(key)
  if (!upstream) {
    const created: Upstream = { key, viewers: new Set(), backlog: [], ended: false, stream: Promise.resolve(undefined as never) }
    created.stream = createLogStreamer(kc).stream(target, { follow: true, timestamps: true, tailLines: BACKLOG_LINES }, (raw) => {
      const line = parseTimed(raw)
      created.backlog.push(line)
      if (created.backlog.length > BACKLOG_LINES) created.backlog.shift()
      for (const v of created.viewers) v.onLine(line)
    })
    const end = (error?: Error) => {
      if (created.ended) return
      created.ended = true
      if (upstreams.get(key) === created) upstreams.delete(key)
      for (const v of created.viewers) v.onEnd(error)
      created.viewers.clear()
    }
    created.stream.then(
      (s) => s.done.then(() => end(), (e: Error) => end(e)),
      (e: Error) => end(e),
    )
    upstreams.set(key, created)
    upstream = created
  }
  const joined = upstream
  for (const line of select(joined.backlog, opts)) viewer.onLine(line)
  joined.viewers.add(viewer)
  let left = false
  return async () => {
    if (left) return
    left = true
    joined.viewers.delete(viewer)
    if (joined.viewers.size > 0 || joined.ended) return
    joined.ended = true
    if (upstreams.get(key) === joined) upstreams.delete(key)
    await joined.stream.then((s) => s.stop(), () => {})
  }
}

function select(backlog: TimedLine[], opts: ViewOptions): TimedLine[] {
  let lines = backlog
  if (opts.after) lines = lines.filter((l) => l.at > opts.after!)
  if (opts.sinceSeconds !== undefined) {
    const from = new Date(Date.now() - opts.sinceSeconds * 1000).toISOString()
    lines = lines.filter((l) => l.at.slice(0, 23) >= from.slice(0, 23))
  }
  if (opts.tailLines !== undefined) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines)
  return lines
}

/** "<RFC3339Nano> <text>" as the server sends with timestamps=true. */
export function parseTimed(raw: string): TimedLine {
  const space = raw.indexOf(' ')
  return space > 0 && /^\d{4}-\d\d-\d\dT/.test(raw) ? { at: raw.slice(0, space), text: raw.slice(space + 1) } : { at: '', text: raw }
}
