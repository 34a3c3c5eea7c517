import type { K8sObject } from '@kubeorch/domain'
import { createLogStreamer, watchResources, type PodLogTarget } from '@kubeorch/kube'
import { invalidField } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { viewContainerLog, type TimedLine } from './log-hub.ts'
import { nodeLogInput, type NodeLogInput } from './log-input.ts'
import { POD, containerNames, findNodePod, listNodePods, loadNodeTarget, names, pickContainer, requireWorkload, type NodeTarget } from './node-target.ts'

/** One log line of a node's stream; `text` is `line` prefixed with `<pod>/<container>`. */
export type NodeLogLine = { pod: string; container: string; line: string; text: string }

// A viewer this far behind is ended (it may reconnect) rather than buffering without bound.
const MAX_QUEUED = 5_000

/**
 * A node's logs (SPEC §10): one pod and container, or every pod of the node merged, each line
 * prefixed by its pod and container. Following shares one upstream per container with other
 * viewers (log-hub) and adds the node's new pods as they appear (a rollout, a replaced pod).
 * Bad input (unknown pod or container, a node without pods) is an error before the first line.
 */
/** Lines until the stream ends; return() ends it at once (closing its upstreams). */
export type LogLines = AsyncIterableIterator<NodeLogLine> & { return(value?: unknown): Promise<IteratorResult<NodeLogLine>> }

export async function streamNodeLogs(deps: Deps, actor: Actor, workflowId: string, nodeId: string, input: unknown, signal?: AbortSignal): Promise<LogLines> {
  const opts = parseInput(nodeLogInput, input ?? {})
  const target = await loadNodeTarget(deps, actor, workflowId, nodeId, 'view')
  requireWorkload(target)
  const chosen = opts.pod ? [await findNodePod(target, opts.pod)] : await listNodePods(target)
  if (opts.container) {
    const known = [...new Set(chosen.flatMap(containerNames))]
    if (opts.pod) pickContainer(chosen[0]!, opts.container)
    else if (chosen.length && !known.includes(opts.container))
      throw invalidField(['container'], `no pod of node ${nodeId} has a container "${opts.container}"; its containers: ${names(known)}`)
  }
  return opts.follow && !opts.previous ? follow(target, opts, signal) : readOnce(target, chosen, opts)
}

const prefixed = (pod: string, container: string, line: string): NodeLogLine => ({ pod, container, line, text: `${pod}/${container} ${line}` })
const show = (l: TimedLine, timestamps: boolean) => (timestamps && l.at ? `${l.at} ${l.text}` : l.text)

function sourcesOf(pods: K8sObject[], opts: NodeLogInput, startedOnly: boolean): PodLogTarget[] {
  return pods.flatMap((pod) =>
    containerNames(pod)
      .filter((c) => !opts.container || c === opts.container)
      .filter((c) => !startedOnly || containerStarted(pod, c))
      .map((container) => ({ namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name, container })),
  )
}

/** A container has a log once it ran: running now, or terminated (a crash, a completed job). */
function containerStarted(pod: K8sObject, container: string): boolean {
  const status = pod.status as { containerStatuses?: { name: string; state?: { running?: unknown; terminated?: unknown }; lastState?: { terminated?: unknown } }[]; initContainerStatuses?: { name: string; state?: { running?: unknown; terminated?: unknown } }[] } | undefined
  const s = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].find((c) => c.name === container)
  return Boolean(s?.state?.running || s?.state?.terminated)
}

/** Not following (or the previous instance): one request per container, not shared. */
async function* readOnce(target: NodeTarget, pods: K8sObject[], opts: NodeLogInput): AsyncGenerator<NodeLogLine> {
  const streamer = createLogStreamer(target.kc)
  const single = Boolean(opts.pod && opts.container)
  for (const source of sourcesOf(pods, opts, !single && !opts.previous)) {
    let lines: string[]
    try {
      lines = await streamer.read(source, { tailLines: opts.tailLines, sinceSeconds: opts.sinceSeconds, previous: opts.previous, timestamps: opts.timestamps })
    } catch (err) {
      // One chosen container: its refusal is the answer. Merged: containers without a log are skipped.
      if (single) throw invalidField([opts.previous ? 'previous' : 'container'], (err as Error).message)
      continue
    }
    for (const line of lines) yield prefixed(source.pod, source.container, line)
  }
}

function follow(target: NodeTarget, opts: NodeLogInput, signal?: AbortSignal): LogLines {
  const queue: NodeLogLine[] = []
  let wake: (() => void) | undefined
  let finished = false
  let failure: Error | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const finish = (error?: Error) => {
    failure ??= error
    finished = true
    notify()
  }
  const attached = new Map<string, () => Promise<void>>()
  const lastSeen = new Map<string, string>()
  const keyOf = (s: PodLogTarget) => `${s.pod}/${s.container}`

  const attach = (source: PodLogTarget) => {
    const key = keyOf(source)
    if (attached.has(key) || finished) return
    const leave = viewContainerLog(target.kc, target.workflow.clusterId, source, { tailLines: opts.tailLines, sinceSeconds: opts.sinceSeconds, after: lastSeen.get(key) }, {
      onLine: (l) => {
        if (l.at) lastSeen.set(key, l.at)
        if (queue.length >= MAX_QUEUED) return finish(new Error('the log viewer fell too far behind; reconnect'))
        queue.push(prefixed(source.pod, source.container, show(l, opts.timestamps)))
        notify()
      },
      // Re-attached on the next change of the pod if its container runs again (a restart).
      onEnd: () => attached.delete(key),
    })
    attached.set(key, leave)
  }

  const watcher = watchResources(target.kc, {
    namespaces: [target.namespace],
    labelSelector: target.podSelector,
    kinds: [POD],
    related: [],
    onChange: ({ objects }) => {
      const pods = opts.pod ? objects.filter((p) => p.metadata.name === opts.pod) : objects
      if (opts.pod && pods.length === 0) return finish()
      const wanted = sourcesOf(pods, opts, true)
      const wantedKeys = new Set(wanted.map(keyOf))
      for (const [key, leave] of attached) if (!wantedKeys.has(key) && !pods.some((p) => key.startsWith(`${p.metadata.name}/`))) {
        attached.delete(key)
        void leave()
      }
      for (const source of wanted) attach(source)
    },
  })
  const onAbort = () => void close()
  signal?.addEventListener('abort', onAbort, { once: true })
  let closing: Promise<void> | undefined
  // Ends at once, also while a next() waits for a line (a generator's return() would queue behind it).
  const close = () =>
    (closing ??= (async () => {
      finish()
      signal?.removeEventListener('abort', onAbort)
      await watcher.stop()
      await Promise.all([...attached.values()].map((leave) => leave()))
      attached.clear()
    })())
  const iterator: LogLines = {
    async next() {
      while (queue.length === 0 && !finished) await new Promise<void>((r) => (wake = r))
      const value = queue.shift()
      if (value) return { value, done: false }
      await close()
      if (failure) {
        const error = failure
        failure = undefined
        throw error
      }
      return { value: undefined, done: true }
    },
    async return() {
      await close()
      return { value: undefined, done: true }
    },
    [Symbol.asyncIterator]: () => iterator,
  }
  return iterator
}
