import { isNodeKind } from '@kubeorch/domain'
import type { WorkflowEvent } from '../events.ts'
import { kubeorchStatus } from './kubeorch/node-status.ts'

const KEEPALIVE_MS = 15_000
const encoder = new TextEncoder()

/**
 * Server-sent events: `event: <type>` + `data: <json>` per event, a comment line as keepalive.
 * `initial` frames go first (the stream's metadata). The stream pulls from its source only as
 * fast as the client reads, and the client going away (abort) ends the source, so no
 * subscription is left behind.
 */
export function sseResponse(initial: Uint8Array[], source: AsyncIterator<WorkflowEvent>, signal: AbortSignal): Response {
  let keepalive: NodeJS.Timeout | undefined
  const stop = () => {
    clearInterval(keepalive)
    void source.return?.(undefined)
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const f of initial) controller.enqueue(f)
      keepalive = setInterval(() => controller.enqueue(encoder.encode(': keepalive\n\n')), KEEPALIVE_MS)
      signal.addEventListener('abort', stop, { once: true })
    },
    async pull(controller) {
      const next = await source.next()
      if (next.done) {
        clearInterval(keepalive)
        controller.close()
      } else controller.enqueue(frame(next.value))
    },
    cancel: stop,
  })
  return new Response(body, {
    status: 200,
    // X-Accel-Buffering: proxies (nginx) must not hold events back; KubeOrch's stream says so too.
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  })
}

/** One SSE frame of an event whose data the caller has shaped already. */
export const sseFrame = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)

/**
 * One event object is pushed to every subscriber of its workflow: it is encoded once and the same
 * bytes are written to each stream (1,000 subscribers: one JSON text, not 1,000).
 */
const frames = new WeakMap<WorkflowEvent, Uint8Array>()

function frame(e: WorkflowEvent): Uint8Array {
  let bytes = frames.get(e)
  if (!bytes) {
    bytes = sseFrame(e.type, eventToRest(e))
    frames.set(e, bytes)
  }
  return bytes
}

/**
 * An event's REST data: its fields in snake_case like the rest of /v1/api, status words in
 * lowercase. A node_update also carries KubeOrch's stream envelope beside them: `type`,
 * `stream_key`, `event_type`, `timestamp` and `data: { node_id, type, status }`, the `status`
 * object its canvas reads (`{ state, message, replicas, readyReplicas, … }` by kind).
 */
export function eventToRest(e: WorkflowEvent): Record<string, unknown> {
  const { type, ...rest } = e
  const data = snakeKeys(rest)
  if ('status' in rest && typeof rest.status === 'string') data.status = rest.status.toLowerCase()
  if (e.type !== 'node_update') return data
  const kind = isNodeKind(e.kind) ? e.kind : undefined
  return {
    ...data,
    type: 'workflow',
    stream_key: `workflow:${e.workflowId}`,
    event_type: type,
    timestamp: new Date().toISOString(),
    data: { node_id: e.nodeId, type: kind ?? null, status: kubeorchStatus(kind, e) },
  }
}

/** The REST stream speaks snake_case like the rest of /v1/api. */
function snakeKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? snakeKeys(x as Record<string, unknown>) : x)) : v,
    ]),
  )
}
