export type NodeStateEvent = {
  nodeId: string
  state: string
  message: string
  details?: Record<string, unknown>
  /** The node's kind, so a stream can shape the status per kind without reading the graph. */
  kind?: string
}

/** Live events of one workflow (SPEC §9). */
export type WorkflowEvent =
  | { type: 'metadata'; workflowId: string; status: string; revision: number; nodes: NodeStateEvent[]; activeRunId: string | null }
  | { type: 'workflow_updated'; workflowId: string; revision: number; status: string }
  | { type: 'version_created'; workflowId: string; version: number }
  | { type: 'run_started'; workflowId: string; runId: string; version: number; triggeredBy: string }
  | ({ type: 'node_update'; workflowId: string } & NodeStateEvent)
  | { type: 'run_log'; workflowId: string; runId: string; at: string; level: string; message: string }
  | { type: 'run_completed'; workflowId: string; runId: string; status: string; durationMs: number; error: string | null }

/**
 * One interface for live events; the in-process implementation serves a single API process and a
 * shared (PostgreSQL-backed) one can replace it for several replicas.
 */
export interface EventBus {
  publish(event: WorkflowEvent): void
  subscribe(workflowId: string, signal?: AbortSignal): AsyncIterableIterator<WorkflowEvent>
  /** Live subscribers in this process (of one workflow, or all): a client that left must not count. */
  subscriberCount(workflowId?: string): number
}

// A subscriber that falls this far behind is disconnected rather than slowing the publisher or
// growing without bound; it reconnects and receives the current state.
const MAX_BUFFERED = 1000

export function createInProcessEventBus(): EventBus {
  const subscribers = new Map<string, Set<(e: WorkflowEvent) => void>>()
  return {
    publish(event) {
      for (const push of subscribers.get(event.workflowId) ?? []) push(event)
    },
    subscriberCount(workflowId) {
      if (workflowId !== undefined) return subscribers.get(workflowId)?.size ?? 0
      return [...subscribers.values()].reduce((n, set) => n + set.size, 0)
    },
    subscribe(workflowId, signal) {
      const buffer: WorkflowEvent[] = []
      let wake: (() => void) | undefined
      let done = false
      let overflow = false
      const push = (e: WorkflowEvent) => {
        if (buffer.length >= MAX_BUFFERED) {
          overflow = true
          stop()
        } else buffer.push(e)
        wake?.()
      }
      const set = subscribers.get(workflowId) ?? new Set()
      set.add(push)
      subscribers.set(workflowId, set)
      // Called by abort and by return(), often both: only the first may touch the map, and only
      // while it still holds this set (a later subscriber may have created a new one).
      const stop = () => {
        if (done) return
        done = true
        set.delete(push)
        if (set.size === 0 && subscribers.get(workflowId) === set) subscribers.delete(workflowId)
        wake?.()
      }
      signal?.addEventListener('abort', stop, { once: true })
      const iterator: AsyncIterableIterator<WorkflowEvent> = {
        async next() {
          while (buffer.length === 0 && !done) await new Promise<void>((r) => (wake = r))
          wake = undefined
          const value = buffer.shift()
          if (value) return { value, done: false }
          if (overflow) throw new Error('event subscriber fell too far behind; reconnect')
          return { value: undefined, done: true }
        },
        async return() {
          stop()
          return { value: undefined, done: true }
        },
        [Symbol.asyncIterator]() {
          return iterator
        },
      }
      return iterator
    },
  }
}
