import type { WorkflowEvent } from '../events.ts'

const KEEPALIVE_MS = 15_000
const encoder = new TextEncoder()

/**
 * Server-sent events: `event: <type>` + `data: <json>` per event, a comment line as keepalive.
 * The stream pulls from its source only as fast as the client reads, and the client going away
 * (abort) ends the source, so no subscription is left behind.
 */
export function sseResponse(initial: WorkflowEvent[], source: AsyncIterator<WorkflowEvent>, signal: AbortSignal): Response {
  let keepalive: NodeJS.Timeout | undefined
  const stop = () => {
    clearInterval(keepalive)
    void source.return?.(undefined)
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const e of initial) controller.enqueue(frame(e))
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
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' },
  })
}

/**
 * One event object is pushed to every subscriber of its workflow: it is encoded once and the same
 * bytes are written to each stream (1,000 subscribers: one JSON text, not 1,000).
 */
const frames = new WeakMap<WorkflowEvent, Uint8Array>()

function frame(e: WorkflowEvent): Uint8Array {
  let bytes = frames.get(e)
  if (!bytes) {
    const { type, ...data } = e
    bytes = encoder.encode(`event: ${type}\ndata: ${JSON.stringify(snakeKeys(data))}\n\n`)
    frames.set(e, bytes)
  }
  return bytes
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
